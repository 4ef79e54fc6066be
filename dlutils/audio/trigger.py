"""Trigger-word training data: overlay word clips on backgrounds, per-step labels, detections.

As in the course, a training example is a background clip with a few word clips pasted in at
random places that do not overlap: the trigger word ("activate") and negative words. The
label is one value per *output* step of the model, ``y`` of shape ``(1, T_y)``: 0 everywhere,
then 1 for ``n_ones`` steps right after each trigger ends. A segment ``(start, end)`` is in
samples, ``end`` inclusive; the output step where it ends is ``int(end * T_y / n_samples)``
and the ones go at steps ``end_step + 1 ... end_step + n_ones`` (cut at ``T_y``).

Two segments overlap when ``start <= prev_end`` and ``end >= prev_start`` (touching at one
sample counts). ``insert_audio_clip`` draws up to ``max_tries`` random positions and gives up
(returning ``None``) rather than overlap.

Our clips are 3 s at 8 kHz with ``T_y = 71`` output steps and ``n_ones = 8`` (about 0.34 s);
the course uses 10 s, ``T_y = 1375`` and 50 ones (about 0.36 s).

Layouts: clips ``(n_samples,)``; a batch of clips ``(m, n_samples)``; labels and model outputs
``(1, m, T_y)`` (the sequence layout). Taught in: c5_sequence_models/04_trigger_word_detection.
"""
from typing import NamedTuple

import numpy as np

from ..validation import check_array, check_rng
from .synthesis import SAMPLE_RATE, make_chime
from .wav import from_int16

__all__ = ["TriggerBank", "load_trigger_bank", "get_random_time_segment", "is_overlapping",
           "insert_audio_clip", "end_step", "insert_ones", "make_trigger_example", "make_trigger_set",
           "detections", "chime_on_detections", "per_step_scores", "false_alarms", "T_Y", "N_ONES",
           "trigger_model", "standardize_spectrograms", "load_trigger_weights", "TRIGGER_WEIGHTS"]

T_Y = 71        # output steps of the model for a 3 s clip (spectrogram 298 steps, Conv1D 15 / stride 4)
N_ONES = 8      # label steps set to 1 after each trigger


class TriggerBank(NamedTuple):
    """Source clips of one split: float64 arrays at ``sample_rate``."""
    triggers: list          # clips of the trigger word
    negatives: list         # clips of other words
    backgrounds: list       # background clips, all of the same length
    sample_rate: int
    info: dict              # speakers, words, kinds, seeds (from the file's attributes)


def load_trigger_bank(split="train", path=None):
    """Read the source clips of ``split`` ('train' or 'dev') from ``datasets/trigger_word.h5``."""
    func = "load_trigger_bank"
    if split not in ("train", "dev"):
        raise ValueError(f"{func}: split must be 'train' or 'dev', got {split!r}.")
    import h5py
    from ..data.datasets import datasets_dir
    path = datasets_dir() / "trigger_word.h5" if path is None else path
    try:
        f = h5py.File(path, "r")
    except OSError as exc:
        raise ValueError(f"{func}: cannot open {path} ({exc}); rebuild it with "
                         f"python datasets/build_datasets.py trigger_word") from None
    with f:
        if split not in f:
            raise ValueError(f"{func}: {path} has no group {split!r}; rebuild it.")
        g = f[split]
        clips, offsets = from_int16(g["clips"][()]), g["offsets"][()]
        is_trigger = g["is_trigger"][()].astype(bool)
        parts = [clips[a:b] for a, b in zip(offsets[:-1], offsets[1:])]
        backgrounds = [from_int16(b) for b in g["backgrounds"][()]]
        info = {"words": [w.decode() for w in g["word"][()]], "speaker": g["speaker"][()],
                "background_kinds": [k.decode() for k in g["background_kind"][()]],
                "speakers": g["speakers"][()], "speaker_fields": [s.decode() for s in f.attrs["speaker_fields"]]}
        rate = int(f.attrs["sample_rate"])
    return TriggerBank([p for p, t in zip(parts, is_trigger) if t], [p for p, t in zip(parts, is_trigger) if not t],
                       backgrounds, rate, info)


def get_random_time_segment(rng, segment_length, n_samples):
    """A random ``(start, end)`` (samples, ``end`` inclusive) for a clip of ``segment_length``."""
    if segment_length > n_samples:
        raise ValueError(f"get_random_time_segment: a clip of {segment_length} samples does not fit in a "
                         f"background of {n_samples}.")
    start = int(rng.integers(0, n_samples - segment_length + 1))
    return start, start + int(segment_length) - 1


def is_overlapping(segment, previous_segments):
    """True when ``segment = (start, end)`` overlaps any of ``previous_segments`` (ends inclusive)."""
    start, end = segment
    return any(start <= prev_end and end >= prev_start for prev_start, prev_end in previous_segments)


def insert_audio_clip(background, clip, previous_segments, rng, max_tries=50):
    """Paste ``clip`` at a random free place: returns ``(new_background, segment)``, and appends
    ``segment`` to ``previous_segments``; ``(background copy, None)`` if no free place was found."""
    func = "insert_audio_clip"
    check_rng(func, rng)
    background = check_array(func, "background", background)
    clip = check_array(func, "clip", clip)
    new = background.copy()
    for _ in range(int(max_tries)):
        seg = get_random_time_segment(rng, clip.size, background.size)
        if not is_overlapping(seg, previous_segments):
            previous_segments.append(seg)
            new[seg[0]:seg[1] + 1] += clip
            return new, seg
    return new, None


def end_step(segment_end, n_samples, T_y):
    """The output step in which sample ``segment_end`` falls: ``int(segment_end * T_y / n_samples)``."""
    return int(segment_end * T_y / n_samples)


def insert_ones(y, segment_end, n_samples, n_ones=N_ONES):
    """A copy of labels ``y (1, T_y)`` with 1 at the ``n_ones`` steps after the step where the
    trigger ending at sample ``segment_end`` of an ``n_samples`` clip ends."""
    y = np.array(y, dtype=float)
    if y.ndim != 2 or y.shape[0] != 1:
        raise ValueError(f"insert_ones: y must be (1, T_y), got shape {y.shape}.")
    s = end_step(segment_end, n_samples, y.shape[1])
    y[0, s + 1:s + 1 + n_ones] = 1.0
    return y


def make_trigger_example(background, triggers, negatives, rng, *, T_y=T_Y, n_ones=N_ONES,
                         n_triggers=None, n_negatives=None, max_triggers=2, max_negatives=2):
    """One example: ``(x (n_samples,), y (1, T_y), segments)``; ``segments`` maps 'trigger' and
    'negative' to the placed ``(start, end)`` pairs. Counts are drawn in 0..max unless given."""
    check_rng("make_trigger_example", rng)
    n_triggers = int(rng.integers(0, max_triggers + 1)) if n_triggers is None else n_triggers
    n_negatives = int(rng.integers(0, max_negatives + 1)) if n_negatives is None else n_negatives
    x = np.array(background, dtype=float)
    y = np.zeros((1, T_y))
    placed, out = [], {"trigger": [], "negative": []}
    for kind, pool, count in (("trigger", triggers, n_triggers), ("negative", negatives, n_negatives)):
        for _ in range(count):
            clip = pool[int(rng.integers(len(pool)))]
            x, seg = insert_audio_clip(x, clip, placed, rng)
            if seg is None:
                continue
            out[kind].append(seg)
            if kind == "trigger":
                y = insert_ones(y, seg[1], x.size, n_ones)
    return np.clip(x, -1.0, 1.0), y, out


def make_trigger_set(bank, rng, m, *, T_y=T_Y, n_ones=N_ONES, no_trigger_share=0.25, **kw):
    """``m`` examples from a ``TriggerBank``: ``(X (m, n_samples), Y (1, m, T_y), segments list)``.
    A share ``no_trigger_share`` of the examples holds negatives only (for the false-alarm check)."""
    check_rng("make_trigger_set", rng)
    X, Y, segs = [], [], []
    for i in range(int(m)):
        bg = bank.backgrounds[int(rng.integers(len(bank.backgrounds)))]
        n_tr = 0 if rng.random() < no_trigger_share else int(rng.integers(1, kw.get("max_triggers", 2) + 1))
        x, y, s = make_trigger_example(bg, bank.triggers, bank.negatives, rng, T_y=T_y, n_ones=n_ones,
                                       n_triggers=n_tr, **kw)
        X.append(x)
        Y.append(y)
        segs.append(s)
    return np.stack(X), np.stack(Y, axis=1), segs


def detections(probs, threshold=0.5, refractory=N_ONES):
    """Onsets of detections in ``probs (T_y,)``: steps where the output rises above ``threshold``,
    at most one per ``refractory`` steps (a chime should ring once per word)."""
    probs = np.asarray(probs, dtype=float).ravel()
    onsets, last = [], -np.inf
    above = probs > threshold
    for t in range(probs.size):
        if above[t] and (t == 0 or not above[t - 1]) and t - last >= refractory:
            onsets.append(t)
            last = t
    return onsets


def chime_on_detections(x, probs, threshold=0.5, sample_rate=SAMPLE_RATE, chime=None, refractory=N_ONES):
    """Clip ``x`` with a chime mixed in at every detection onset of ``probs (T_y,)``;
    returns ``(new_x, onsets)``."""
    x = np.array(x, dtype=float)
    chime = make_chime(sample_rate) if chime is None else np.asarray(chime, dtype=float)
    onsets = detections(probs, threshold, refractory)
    T_y = np.asarray(probs).size
    for t in onsets:
        start = int(t * x.size / T_y)
        piece = chime[:x.size - start]
        x[start:start + piece.size] += piece
    return np.clip(x, -1.0, 1.0), onsets


def per_step_scores(Y_hat, Y):
    """Per-step counts and scores of 0/1 predictions ``Y_hat`` vs labels ``Y`` (same shape):
    ``{"tp", "fp", "fn", "tn", "precision", "recall", "f1", "accuracy"}`` (accuracy in %)."""
    Y_hat, Y = np.asarray(Y_hat), np.asarray(Y)
    if Y_hat.shape != Y.shape:
        raise ValueError(f"per_step_scores: Y_hat has shape {Y_hat.shape} but Y has shape {Y.shape}; "
                         f"both must be (1, m, T_y).")
    p, y = Y_hat.astype(bool), Y.astype(bool)
    tp, fp, fn = int(np.sum(p & y)), int(np.sum(p & ~y)), int(np.sum(~p & y))
    tn = int(p.size - tp - fp - fn)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "f1": f1,
            "accuracy": 100.0 * (tp + tn) / max(1, p.size)}


def false_alarms(probs, Y, threshold=0.5, refractory=N_ONES):
    """Detections on examples whose labels are all 0 (no trigger): ``(count, n_such_examples)``.
    ``probs`` and ``Y`` are ``(1, m, T_y)``."""
    probs, Y = np.asarray(probs), np.asarray(Y)
    count, n = 0, 0
    for i in range(Y.shape[1]):
        if not Y[0, i].any():
            n += 1
            count += len(detections(probs[0, i], threshold, refractory))
    return count, n


# -- the model of c5/04 and its shipped weights -------------------------------------------------
TRIGGER_WEIGHTS = "trigger_word_weights.h5"


def trigger_model(rng, n_x=101, T_x=298, n_C=32, n_a=32, keep_prob=0.8):
    """The c5/04 detector: ``Conv1D(n_C, 15, stride 4) -> BatchNorm -> ReLU -> Dropout -> GRU(n_a)
    -> Dropout -> GRU(n_a) -> Dropout -> per-step Dense(1, sigmoid)`` as a ``dl.Sequential``
    (binary cross-entropy averaged over every output step)."""
    from ..nn.activations import Activation
    from ..nn.batchnorm import BatchNorm
    from ..nn.conv1d import Conv1D
    from ..nn.dense import Dense
    from ..nn.recurrent_layers import GRU
    from ..nn.regularization import Dropout
    from ..train.sequential import Sequential
    layers = [Conv1D(n_C, 15, stride=4), BatchNorm(), Activation("relu"), Dropout(keep_prob),
              GRU(n_a, return_sequences=True), Dropout(keep_prob),
              GRU(n_a, return_sequences=True), Dropout(keep_prob),
              Dense(1, activation="sigmoid")]
    return Sequential(layers, input_shape=(n_x, T_x), loss="binary_cross_entropy", rng=rng)


def standardize_spectrograms(S, mean=None, std=None):
    """Standardize log spectrograms ``(n_freq, m, T_x)`` per frequency: ``(S - mean) / std`` with
    the statistics of ``S`` itself over examples and steps unless given. Returns ``(X, mean, std)``,
    ``mean`` and ``std`` of shape ``(n_freq, 1, 1)`` (keep the training ones for dev and test)."""
    S = check_array("standardize_spectrograms", "S", S, ndim=3,
                    hint="Spectrograms of a batch are (n_freq, m, T_x): dl.spectrogram(clips).")
    if mean is None:
        mean = S.mean(axis=(1, 2), keepdims=True)
    if std is None:
        std = S.std(axis=(1, 2), keepdims=True) + 1e-8
    return (S - mean) / std, mean, std


def load_trigger_weights(model, path=None):
    """Load the shipped weights of ``trigger_model`` (``datasets/trigger_word_weights.h5``, trained
    by ``datasets/build_audio_sets.py``) into ``model``; returns the spectrogram ``(mean, std)``
    they were trained with (standardize the inputs with these)."""
    import h5py
    from ..data.datasets import datasets_dir
    from ..train.weights import load_weights
    path = datasets_dir() / TRIGGER_WEIGHTS if path is None else path
    load_weights(model, path)
    with h5py.File(path, "r") as f:
        if "standardize" not in f:
            raise ValueError(f"load_trigger_weights: {path} has no 'standardize' group; rebuild it with "
                             f"python datasets/build_datasets.py trigger_word_weights")
        return f["standardize/mean"][()], f["standardize/std"][()]

