"""Synthesized speakers, words and backgrounds: determinism, what each knob changes, bad input."""
import numpy as np
import pytest

import dlutils as dl


def _spk(**kw):
    base = dict(f0=120.0, speed=1.0, formant_scale=1.0, tilt=1.0, breath=0.0, loudness=0.5)
    base.update(kw)
    return dl.Speaker(**base)


def _peak_freq(x, sr=dl.SAMPLE_RATE):
    spec = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    return np.fft.rfftfreq(x.size, 1 / sr)[np.argmax(spec)]


def test_same_seed_same_clip_and_takes_differ():
    a = dl.say("activate", _spk(), np.random.default_rng(0))
    b = dl.say("activate", _spk(), np.random.default_rng(0))
    rng = np.random.default_rng(0)
    c, d = dl.say("activate", _spk(), rng), dl.say("activate", _spk(), rng)
    np.testing.assert_array_equal(a, b)
    assert c.size != d.size or not np.allclose(c, d), "two takes of a word must not be identical"


def test_peak_is_loudness_and_speed_changes_duration():
    rng = np.random.default_rng(1)
    slow = dl.say("activate", _spk(speed=0.8, loudness=0.7), rng)
    fast = dl.say("activate", _spk(speed=1.25, loudness=0.3), rng)
    assert abs(np.abs(slow).max() - 0.7) < 1e-9 and abs(np.abs(fast).max() - 0.3) < 1e-9
    nominal = sum(s[1] for s in dl.WORDS["activate"]) * dl.SAMPLE_RATE
    assert slow.size > 1.15 * nominal and fast.size < 0.87 * nominal


def test_pitch_sets_the_harmonics():
    """A voiced syllable with a low first formant peaks at a harmonic of f0 near F1."""
    syl = ("v", 0.3, (250, 250), (2000, 2000), (1.0, 1.0))
    for f0 in (100.0, 125.0):
        x = dl.synth_syllable(syl, _spk(f0=f0), np.random.default_rng(2), jitter=0.0)
        k = _peak_freq(x) / f0
        assert abs(k - round(k)) < 0.1 and abs(_peak_freq(x) - 250) < f0, (f0, _peak_freq(x))


def test_formant_scale_moves_the_spectrum_up():
    syl = ("v", 0.3, (500, 500), (1500, 1500), (1.0, 1.0))
    def centroid(x):
        p = np.abs(np.fft.rfft(x)) ** 2
        return np.sum(np.fft.rfftfreq(x.size, 1 / dl.SAMPLE_RATE) * p) / p.sum()
    lo = dl.synth_syllable(syl, _spk(formant_scale=0.88), np.random.default_rng(3), jitter=0.0)
    hi = dl.synth_syllable(syl, _spk(formant_scale=1.15), np.random.default_rng(3), jitter=0.0)
    assert centroid(hi) > 1.1 * centroid(lo)


def test_noise_syllable_sits_in_its_band_and_gap_is_silent():
    x = dl.synth_syllable(("n", 0.2, (3000, 3800), 1.0), _spk(), np.random.default_rng(4))
    p = np.abs(np.fft.rfft(x)) ** 2
    f = np.fft.rfftfreq(x.size, 1 / dl.SAMPLE_RATE)
    assert p[(f > 2800) & (f < 3900)].sum() > 0.9 * p.sum()
    assert not dl.synth_syllable(("g", 0.05), _spk(), np.random.default_rng(4)).any()


def test_words_are_distinct_patterns():
    rng = np.random.default_rng(5)
    spk = _spk()
    specs = {w: dl.spectrogram(dl.say(w, spk, rng)).mean(axis=1) for w in dl.WORDS}
    for a in dl.WORDS:
        for b in dl.WORDS:
            if a < b:
                assert np.abs(specs[a] - specs[b]).max() > 1.0, (a, b)
    assert dl.TRIGGER_WORD == "activate" and dl.TRIGGER_WORD not in dl.NEGATIVE_WORDS
    assert len(dl.NEGATIVE_WORDS) >= 4


def test_make_speaker_ranges():
    rng = np.random.default_rng(6)
    spks = [dl.make_speaker(rng) for _ in range(200)]
    f0 = np.array([s.f0 for s in spks])
    assert 85 <= f0.min() and f0.max() <= 260 and (f0 < 150).any() and (f0 > 160).any()
    assert all(0.8 <= s.speed <= 1.25 and 0.35 <= s.loudness <= 0.9 for s in spks)


@pytest.mark.parametrize("kind", dl.BACKGROUND_KINDS)
def test_background_length_and_level(kind):
    x = dl.make_background(np.random.default_rng(7), 1.5, kind, level=0.03)
    assert x.shape == (12000,) and abs(np.sqrt(np.mean(x * x)) - 0.03) < 1e-9


def test_noise_colours():
    rng = np.random.default_rng(8)
    low = lambda x: np.sum(np.abs(np.fft.rfft(x))[1:200] ** 2) / np.sum(np.abs(np.fft.rfft(x)) ** 2)  # noqa: E731
    w, p, b = (dl.colored_noise(rng, 16000, a) for a in (0, 1, 2))
    assert low(w) < low(p) < low(b)
    hum = dl.make_background(np.random.default_rng(9), 2.0, "hum")
    assert _peak_freq(hum) in (50.0, 60.0) or min(abs(_peak_freq(hum) - h * k) for h in (50, 60) for k in range(1, 4)) < 2


def test_chime():
    c = dl.make_chime()
    assert c.size == int(0.3 * dl.SAMPLE_RATE) and abs(np.abs(c).max() - 0.5) < 1e-12
    assert abs(_peak_freq(c) - 1320) < 10


def test_bad_input():
    with pytest.raises(ValueError, match="say: unknown word 'activates'"):
        dl.say("activates", _spk(), np.random.default_rng(0))
    with pytest.raises(ValueError, match="make_background: kind must be one of"):
        dl.make_background(np.random.default_rng(0), 1.0, "rain")
    with pytest.raises(ValueError, match="make_speaker: rng must be a numpy Generator"):
        dl.make_speaker(42)
    with pytest.raises(ValueError, match="synth_syllable: kind must be"):
        dl.synth_syllable(("x", 0.1), _spk(), np.random.default_rng(0))
