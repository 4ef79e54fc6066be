"""Course 5 text sets shipped in ``datasets/``: ``names.txt`` and ``melodies.txt``.

Both are plain UTF-8 text, one example per line, ``#`` lines are comments (source, licence,
format). ``load_names()`` gives a list of lowercase strings; ``load_melodies()`` a list of token
lists (``K:<key>``, notes ``'<midi pitch>/<duration in eighths>'``, ``|`` bar lines, ``<end>``).
``held_out_split`` makes a fixed train / held-out split with an explicit ``rng``.
Nothing is downloaded: the files are built by ``datasets/build_datasets.py``.
Taught in: c5/02_character_language_model, c5/03_music_generation.
"""
from pathlib import Path

import numpy as np

from .datasets import datasets_dir

__all__ = ["read_text_set", "load_names", "load_melodies", "held_out_split"]


def read_text_set(name):
    """Non-comment, non-empty lines of ``datasets/<name>.txt`` (a ``ValueError`` if missing)."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"read_text_set: name must be a text set such as 'names', got {name!r}")
    path = Path(datasets_dir()) / f"{name}.txt"
    if not path.is_file():
        raise ValueError(f"read_text_set: {path} does not exist; the text sets are 'names' and "
                         "'melodies' (rebuild with python datasets/build_datasets.py names melodies)")
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not out:
        raise ValueError(f"read_text_set: {path} holds no examples (only comments or blank lines)")
    return out


def load_names():
    """The 5,163 lowercase first names of ``datasets/names.txt`` (1990 US Census, public domain)."""
    return read_text_set("names")


def load_melodies():
    """The generated pieces of ``datasets/melodies.txt`` as lists of string tokens."""
    return [line.split() for line in read_text_set("melodies")]


def held_out_split(items, rng, held_out=0.1):
    """Shuffle ``items`` with ``rng`` and split: ``(train, held_out_items)``, the held-out share
    rounded to at least one item. Returns two lists; ``items`` is not changed."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"held_out_split: rng must be a np.random.Generator, got {type(rng).__name__}; "
                         "make one with rng = np.random.default_rng(SEED)")
    items = list(items)
    if len(items) < 2 or not 0 < held_out < 1:
        raise ValueError(f"held_out_split: need at least 2 items and 0 < held_out < 1, got "
                         f"{len(items)} items and held_out={held_out!r}")
    order = rng.permutation(len(items))
    k = max(1, int(round(held_out * len(items))))
    return [items[i] for i in order[k:]], [items[i] for i in order[:k]]
