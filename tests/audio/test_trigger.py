"""Trigger-word examples: overlap check, insertion without overlap, labels, detections, scores,
the shipped source clips."""
import numpy as np
import pytest

import dlutils as dl


@pytest.mark.parametrize("seg, prev, expected", [
    ((100, 200), [], False),
    ((100, 200), [(300, 400)], False),
    ((100, 200), [(200, 300)], True),          # touching at one sample (ends inclusive)
    ((100, 200), [(0, 100)], True),
    ((100, 200), [(0, 99), (201, 300)], False),
    ((100, 200), [(120, 130)], True),          # inside
    ((100, 200), [(50, 250)], True),           # around
    ((100, 200), [(0, 10), (150, 160)], True),  # any of several
])
def test_is_overlapping(seg, prev, expected):
    assert dl.is_overlapping(seg, prev) is expected


def test_random_segment_fits():
    rng = np.random.default_rng(0)
    segs = [dl.get_random_time_segment(rng, 500, 2000) for _ in range(300)]
    assert all(0 <= s <= 1500 and e == s + 499 and e < 2000 for s, e in segs)
    assert min(s for s, _ in segs) < 50 and max(s for s, _ in segs) > 1450
    with pytest.raises(ValueError, match="does not fit"):
        dl.get_random_time_segment(rng, 3000, 2000)


def test_insert_never_overlaps_and_adds_the_clip():
    rng = np.random.default_rng(1)
    bg = np.zeros(4000)
    placed, x = [], bg
    for _ in range(12):
        x, seg = dl.insert_audio_clip(x, np.ones(300), placed, rng)
    assert len(placed) >= 5 and bg.sum() == 0, "the background itself is not modified"
    for i, a in enumerate(placed):
        assert not dl.is_overlapping(a, placed[:i] + placed[i + 1:])
    assert x.sum() == 300 * len(placed) and x.max() == 1.0


def test_insert_gives_up_when_full():
    rng = np.random.default_rng(2)
    placed = [(0, 999)]
    x, seg = dl.insert_audio_clip(np.zeros(1000), np.ones(10), placed, rng)
    assert seg is None and placed == [(0, 999)] and not x.any()


def test_insert_ones_positions():
    y = dl.insert_ones(np.zeros((1, 71)), 8000, 24000, n_ones=8)   # ends at 1 s -> step int(23.67) = 23
    assert np.flatnonzero(y[0]).tolist() == list(range(24, 32))
    y = dl.insert_ones(y, 23000, 24000, n_ones=8)                    # near the end: cut at T_y
    assert np.flatnonzero(y[0]).tolist() == list(range(24, 32)) + [69, 70] and y.shape == (1, 71)
    z = dl.insert_ones(np.zeros((1, 71)), 23990, 24000, n_ones=8)    # ends in the last step: no room
    assert not z.any()
    y = dl.insert_ones(np.zeros((1, 1375)), 4999 * 44.1, 441000, n_ones=50)   # the course's numbers
    assert np.flatnonzero(y[0]).tolist() == list(range(688, 738))
    assert dl.end_step(0, 24000, 71) == 0
    with pytest.raises(ValueError, match=r"insert_ones: y must be \(1, T_y\)"):
        dl.insert_ones(np.zeros(71), 100, 24000)


def test_example_labels_follow_the_triggers():
    rng = np.random.default_rng(3)
    bg = np.zeros(24000)
    trig, neg = [np.full(3000, 0.1)], [np.full(2000, -0.1)]
    for _ in range(20):
        x, y, segs = dl.make_trigger_example(bg, trig, neg, rng)
        assert y.shape == (1, dl.T_Y)
        expected = np.zeros((1, dl.T_Y))
        for _, e in segs["trigger"]:
            expected = dl.insert_ones(expected, e, 24000)
        np.testing.assert_array_equal(y, expected)
        assert np.isclose(x.sum(), 300 * len(segs["trigger"]) - 200 * len(segs["negative"]))
        everything = segs["trigger"] + segs["negative"]
        assert all(not dl.is_overlapping(s, everything[:i]) for i, s in enumerate(everything))


def test_make_trigger_set_shapes_and_no_trigger_share():
    bank = dl.TriggerBank([np.full(3000, 0.1)], [np.full(2000, 0.1)], [np.zeros(24000)] * 2, 8000, {})
    X, Y, segs = dl.make_trigger_set(bank, np.random.default_rng(4), 200, no_trigger_share=0.3)
    assert X.shape == (200, 24000) and Y.shape == (1, 200, dl.T_Y) and len(segs) == 200
    without = np.mean([not s["trigger"] for s in segs])
    assert 0.2 < without < 0.4
    assert all(Y[0, i].any() <= bool(s["trigger"]) for i, s in enumerate(segs))   # a trigger ending in
    assert np.mean([Y[0, i].any() == bool(s["trigger"]) for i, s in enumerate(segs)]) > 0.95  # the last step has no ones


def test_detections_and_refractory():
    p = np.zeros(40)
    p[5:9] = 0.9
    p[10:12] = 0.8       # within the refractory period of the first: same word
    p[25:30] = 0.7
    assert dl.detections(p, 0.5, refractory=8) == [5, 25]
    assert dl.detections(p, 0.5, refractory=1) == [5, 10, 25]
    assert dl.detections(p, 0.75, refractory=8) == [5]
    assert dl.detections(p, 0.75, refractory=1) == [5, 10]
    assert dl.detections(np.zeros(10)) == []


def test_chime_where_the_model_fires():
    p = np.zeros(71)
    p[30:36] = 0.9
    x, onsets = dl.chime_on_detections(np.zeros(24000), p, 0.5)
    assert onsets == [30]
    start = int(30 * 24000 / 71)
    assert not x[:start].any() and np.abs(x[start:start + 2400]).max() > 0.3
    same, none = dl.chime_on_detections(np.zeros(24000), p, 0.95)
    assert none == [] and not same.any()


def test_per_step_scores_and_the_all_zero_predictor():
    Y = np.zeros((1, 10, 71))
    Y[0, :, 30:38] = 1
    zero = dl.per_step_scores(np.zeros_like(Y), Y)
    assert zero["f1"] == 0.0 and zero["accuracy"] > 88 and zero["fn"] == 80
    pred = np.zeros_like(Y)
    pred[0, :, 31:39] = 1
    s = dl.per_step_scores(pred, Y)
    assert (s["tp"], s["fp"], s["fn"]) == (70, 10, 10)
    assert abs(s["precision"] - 7 / 8) < 1e-12 and abs(s["f1"] - 7 / 8) < 1e-12
    half = np.zeros_like(Y)
    half[0, :, 30:34] = 1                                  # precision 1, recall 1/2: F1 is the harmonic mean
    s = dl.per_step_scores(half, Y)
    assert (s["precision"], s["recall"]) == (1.0, 0.5) and abs(s["f1"] - 2 / 3) < 1e-12
    with pytest.raises(ValueError, match="per_step_scores: Y_hat has shape"):
        dl.per_step_scores(pred[0], Y)


def test_false_alarms_count_only_clips_without_triggers():
    Y = np.zeros((1, 3, 20))
    Y[0, 0, 5:9] = 1
    P = np.zeros((1, 3, 20))
    P[0, 0, 6:9] = 0.9        # a hit, not a false alarm
    P[0, 2, 3:5] = 0.6        # a false alarm
    assert dl.false_alarms(P, Y, 0.5) == (1, 2)
    assert dl.false_alarms(P, Y, 0.7) == (0, 2)


def test_shipped_source_clips():
    pytest.importorskip("h5py")
    train, dev = dl.load_trigger_bank("train"), dl.load_trigger_bank("dev")
    assert train.sample_rate == dev.sample_rate == 8000
    assert len(train.triggers) == 56 and len(train.negatives) == 140 and len(train.backgrounds) == 15
    assert len(dev.triggers) == 20 and len(dev.negatives) == 50 and len(dev.backgrounds) == 5
    assert all(b.shape == (24000,) for b in train.backgrounds + dev.backgrounds)
    assert all(0.3 < c.size / 8000 < 1.1 for c in train.triggers + dev.negatives)
    # the dev voices and backgrounds are not the training ones
    for row in dev.info["speakers"]:
        assert not np.any(np.all(np.isclose(train.info["speakers"], row), axis=1))
    tb = np.stack(train.backgrounds)
    assert all(np.abs(tb - b).max(axis=1).min() > 0.01 for b in dev.backgrounds)
    assert set(dev.info["background_kinds"]) == set(dl.BACKGROUND_KINDS)
    with pytest.raises(ValueError, match="split must be 'train' or 'dev'"):
        dl.load_trigger_bank("test")


def test_bad_bank_path(tmp_path):
    pytest.importorskip("h5py")
    with pytest.raises(ValueError, match="load_trigger_bank: cannot open.*build_datasets.py trigger_word"):
        dl.load_trigger_bank("train", path=tmp_path / "nope.h5")


def test_source_clips_rebuild_byte_for_byte(tmp_path):
    """datasets/build_audio_sets.py gives the committed file and its manifest entry again."""
    import hashlib
    import importlib.util
    import json
    from pathlib import Path
    pytest.importorskip("h5py")
    here = Path(__file__).resolve().parents[2] / "datasets"
    spec = importlib.util.spec_from_file_location("build_audio_sets", here / "build_audio_sets.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    entry = mod.build("trigger_word", tmp_path)
    manifest = json.loads((here / "MANIFEST.json").read_text())["trigger_word.h5"]
    assert entry == manifest
    assert hashlib.sha256((here / "trigger_word.h5").read_bytes()).hexdigest() == entry["sha256"]
    assert entry["bytes"] < 4_000_000, "keep datasets/ lean"


def test_shipped_weights_hash_and_figure():
    """datasets/trigger_word_weights.h5: the manifest's sha256, and the figure c5/04 asserts
    (per-step F1 >= 0.8, no detection on trigger-free dev clips) on the recipe's own dev draw."""
    import hashlib
    import json
    from pathlib import Path
    pytest.importorskip("h5py")
    here = Path(__file__).resolve().parents[2] / "datasets"
    entry = json.loads((here / "MANIFEST.json").read_text())["trigger_word_weights.h5"]
    path = here / dl.TRIGGER_WEIGHTS
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
    model = dl.trigger_model(np.random.default_rng(0))
    mean, std = dl.load_trigger_weights(model)
    assert mean.shape == std.shape == (101, 1, 1)
    r = entry["recipe"]
    X, Y, _ = dl.make_trigger_set(dl.load_trigger_bank("dev"), np.random.default_rng(r["dev_seed"]), r["m_dev"])
    P = model.loss(dl.standardize_spectrograms(dl.spectrogram(X), mean, std)[0])
    s = dl.per_step_scores(P > 0.5, Y)
    alarms, n_free = dl.false_alarms(P, Y, 0.5)
    assert s["f1"] >= 0.8 and alarms == 0 and n_free > 50
    assert abs(s["f1"] - entry["figures"]["dev_f1"]) < 1e-3, "the manifest's figure is what the weights give"


def test_standardize_and_weights_bad_input(tmp_path):
    X, mean, std = dl.standardize_spectrograms(np.arange(24.0).reshape(2, 3, 4))
    assert np.allclose(X.mean(axis=(1, 2)), 0) and np.allclose(X.std(axis=(1, 2)), 1, atol=1e-6)
    with pytest.raises(ValueError, match=r"standardize_spectrograms: S must be 3-D.*dl.spectrogram"):
        dl.standardize_spectrograms(np.zeros((101, 298)))
    with pytest.raises(ValueError, match="load_weights: no file"):
        dl.load_trigger_weights(dl.trigger_model(np.random.default_rng(0)), path=tmp_path / "none.h5")
