"""Melody tokens, synthesis, piano rolls and the structure metrics."""
import numpy as np
import pytest

import dlutils as dl

PIECE = ["K:G", "67/2", "71/2", "74/4", "|", "72/2", "66/2", "67/4", "<end>"]


def test_parse_melody():
    assert dl.parse_melody(PIECE) == ("G", [(67, 2), (71, 2), (74, 4), (72, 2), (66, 2), (67, 4)])
    assert dl.parse_melody(["60/2", "|"]) == (None, [(60, 2)])
    assert dl.parse_melody(["K:X", "60/2"])[0] is None


def test_midi_to_hz():
    assert dl.midi_to_hz(69) == pytest.approx(440.0) and dl.midi_to_hz(81) == pytest.approx(880.0)
    assert dl.midi_to_hz(60) == pytest.approx(261.6256, rel=1e-6)


def test_render_length_range_and_pitch():
    rate, tempo = 8000, 120
    wave = dl.render_melody(PIECE, rate=rate, tempo=tempo)
    eighths = 2 + 2 + 4 + 2 + 2 + 4
    assert wave.shape == (int(round(eighths * 0.25 * rate)) + 1,) and wave.dtype == np.float64
    assert np.max(np.abs(wave)) == pytest.approx(0.9)
    # one long A4: the spectrum peaks at 440 Hz (the fundamental), harmonics at 880, 1320
    a4 = dl.render_melody(["69/8"], rate=rate, tempo=60, decay=0.5)
    spec = np.abs(np.fft.rfft(a4 * np.hanning(len(a4))))
    freqs = np.fft.rfftfreq(len(a4), 1 / rate)
    assert abs(freqs[np.argmax(spec)] - 440) < 2
    assert spec[np.argmin(abs(freqs - 880))] > 10 * spec[np.argmin(abs(freqs - 600))]
    # the envelope: silent at the very start, a decaying note
    assert abs(a4[0]) < 1e-9 and np.abs(a4[: rate // 4]).max() > np.abs(a4[-rate // 4:]).max()


def test_harmonics_above_nyquist_are_left_out():
    wave = dl.render_melody(["81/2"], rate=2000, harmonics=(1.0, 1.0, 1.0))   # 880, 1760>1000, ...
    spec = np.abs(np.fft.rfft(wave))
    freqs = np.fft.rfftfreq(len(wave), 1 / 2000)
    assert abs(freqs[np.argmax(spec)] - 880) < 10


def test_piano_roll():
    roll = dl.piano_roll(PIECE, low=60, high=80)
    assert roll.shape == (21, 16)
    assert roll[67 - 60, :2].tolist() == [1, 1] and roll[74 - 60, 4:8].sum() == 4
    assert roll.sum(axis=0).tolist() == [1] * 16          # a melody: one note at a time


def test_plot_piano_roll_draws():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots()
    dl.plot_piano_roll(ax, PIECE, title="t")
    assert len(ax.collections) == 6 and ax.get_xlabel().startswith("time")
    plt.close(fig)


def test_metrics_on_hand_made_pieces():
    in_key = ["K:C", "60/4", "64/4", "|", "67/4", "60/4", "<end>"]
    off = ["K:C", "61/4", "64/4", "|", "66/2", "62/4", "<end>"]       # 2 of 4 out of C major, 1 short bar
    m = dl.melody_metrics([in_key, off])
    assert m["in_key"] == pytest.approx(6 / 8) and m["tonic_ending"] == pytest.approx(0.5)
    assert m["full_bars"] == pytest.approx(3 / 4)
    assert dl.share_in_key([["60/2", "62/2"]]) == 0.0                 # no key token: counted out of key


def test_corpus_is_perfect_and_random_is_not():
    pieces = dl.load_melodies()
    m = dl.melody_metrics(pieces)
    assert m == {"in_key": 1.0, "tonic_ending": 1.0, "full_bars": 1.0}
    tokens = sorted({t for p in pieces for t in p})
    rnd = dl.random_melodies(tokens, np.random.default_rng(0), 300, 36)
    r = dl.melody_metrics(rnd)
    assert r["in_key"] < 0.8 and r["tonic_ending"] < 0.15 and r["full_bars"] < 0.05
    assert all(p[0].startswith("K:") and len(p) == 37 for p in rnd)


@pytest.mark.parametrize("call, match", [
    (lambda: dl.parse_melody("K:C 60/2"), "parse_melody: pass a list of tokens"),
    (lambda: dl.render_melody(["K:C", "|"]), "render_melody: the piece has no note tokens"),
    (lambda: dl.render_melody(["60/2"], rate=100), "render_melody: rate must be >= 2000"),
    (lambda: dl.random_melodies(["|"], np.random.default_rng(0), 2, 3), "random_melodies: vocab_tokens needs"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
