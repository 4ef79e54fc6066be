"""Course 5 word sets shipped in ``datasets/`` (built by ``datasets/build_word_sets.py``).

``load_kjv()`` -> ``(tokens (N,) int64 ids, verse_starts (n_verses,), words, counts)`` of the
King James Bible (public domain), words sorted by count; ``load_analogies()`` -> rows
``(category, a, b, c, d)``; ``load_bias_corpus()`` -> generated sentences with planted
occupation/gender rates; ``load_sentiment()`` -> dict of lists ``split, label, kind, sentence``;
``load_kjv_vectors()`` -> ``(E (n_e, V), words)`` GloVe vectors trained here on the corpus.
Nothing is downloaded. Taught in: c5/05_word_embeddings, c5/06_sentiment_classification.
"""
from pathlib import Path

import numpy as np

from .datasets import datasets_dir
from .text_sets import read_text_set

__all__ = ["load_kjv", "load_analogies", "load_bias_corpus", "load_sentiment", "load_kjv_vectors",
           "SENTIMENT_LABELS"]

SENTIMENT_LABELS = ["love", "joy", "sadness", "food", "war"]


def _h5(name):
    import h5py
    path = Path(datasets_dir()) / name
    if not path.is_file():
        raise ValueError(f"{name} is missing from {datasets_dir()}; rebuild it with "
                         f"python datasets/build_datasets.py {path.stem}")
    return h5py.File(path, "r")


def load_kjv():
    with _h5("kjv.h5") as f:
        words = [w.decode() for w in f["vocab"][:]]
        return (f["tokens"][:].astype(np.int64), f["verse_starts"][:].astype(np.int64), words,
                f["counts"][:])


def load_analogies():
    return [tuple(line.split()) for line in read_text_set("analogies")]


def load_bias_corpus():
    return read_text_set("bias_corpus")


def load_sentiment():
    out = {"split": [], "label": [], "kind": [], "sentence": []}
    for line in read_text_set("sentiment"):
        for k, v in zip(out, line.split("\t")):
            out[k].append(v)
    return out


def load_kjv_vectors():
    with _h5("kjv_vectors.h5") as f:
        return f["E"][:].astype(np.float64), [w.decode() for w in f["words"][:]]
