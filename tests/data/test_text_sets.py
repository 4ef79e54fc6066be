"""The Course 5 text sets: names.txt and melodies.txt match the manifest, load as documented,
rebuild byte for byte (melodies always; names when the names sdist is available offline) and
the melodies keep the structure the data card promises."""
import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest

import dlutils as dl

from tests.data.datasets_module import datasets_module

DATASETS = Path(__file__).resolve().parents[2] / "datasets"
MANIFEST = json.loads((DATASETS / "MANIFEST.json").read_text())


def _module(name):
    return datasets_module(name)


def _sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.mark.parametrize("file", ["names.txt", "melodies.txt"])
def test_text_set_in_manifest_and_unchanged(file):
    assert file in MANIFEST, f"{file} missing from MANIFEST.json; run build_datasets.py names melodies"
    assert _sha(DATASETS / file) == MANIFEST[file]["sha256"]
    assert (DATASETS / file).stat().st_size == MANIFEST[file]["bytes"]


def test_names_corpus_is_real_size_and_clean():
    names = dl.load_names()
    assert len(names) == MANIFEST["names.txt"]["examples"] == 5163
    assert len(names) >= 1500 and len(set(names)) == len(names) and names == sorted(names)
    assert set("".join(names)) == set("abcdefghijklmnopqrstuvwxyz")
    for known in ("mary", "james", "patricia", "robert"):      # top of the Census lists
        assert known in names
    header = (DATASETS / "names.txt").read_text().splitlines()[:3]
    assert any("public domain" in line for line in header) and any("names==0.3.0" in line for line in header)


def test_census_parser_keeps_letters_only():
    text = "MARY           2.629  2.629      1\nO'NEIL 0.1 0.2 3\n\nJOSÉ 0.1 0.2 4\nANN 0.1 0.1 5\n"
    assert _module("build_text_sets").parse_census_list(text) == ["mary", "ann"]


def test_names_rebuild_byte_for_byte_when_sdist_is_local(tmp_path):
    sdist = os.environ.get("DLUTILS_NAMES_SDIST")
    if not sdist:
        pytest.skip("set DLUTILS_NAMES_SDIST to a local names-0.3.0.tar.gz to rebuild names.txt offline "
                    "(python datasets/build_datasets.py --check names downloads it)")
    entry = _module("build_text_sets").build("names", tmp_path)
    assert entry == MANIFEST["names.txt"]
    assert _sha(tmp_path / "names.txt") == _sha(DATASETS / "names.txt")


def test_melodies_rebuild_byte_for_byte(tmp_path):
    entry = _module("build_text_sets").build("melodies", tmp_path)
    assert entry == MANIFEST["melodies.txt"]
    assert _sha(tmp_path / "melodies.txt") == _sha(DATASETS / "melodies.txt")


def test_melodies_structure_keys_bars_and_cadences():
    b = _module("build_text_sets")
    pieces = dl.load_melodies()
    assert len(pieces) == 600
    keys = [p[0] for p in pieces]
    assert {k: keys.count(k) for k in set(keys)} == {"K:C": 150, "K:G": 150, "K:F": 150, "K:D": 150}
    for p in pieces:
        assert p[-1] == "<end>" and p[0].startswith("K:")
        tonic = b.KEYS[p[0][2:]]
        bars = " ".join(p[1:-1]).split(" | ")
        assert len(bars) == 8
        notes = [[tuple(map(int, t.split("/"))) for t in bar.split()] for bar in bars]
        assert all(sum(d for _, d in bar) == 8 for bar in notes)             # 4/4 in eighths
        assert all((q - tonic) % 12 in b.MAJOR for bar in notes for q, _ in bar)  # all in key
        assert notes[7][-1][0] % 12 == tonic % 12                            # ends on the tonic
        assert notes[3][-1][0] % 12 == (tonic + 7) % 12                      # half cadence
        assert all(b.LOW <= q <= b.HIGH for bar in notes for q, _ in bar)


def test_melodies_have_repeated_motifs_but_are_distinct():
    pieces = dl.load_melodies()
    assert len({" ".join(p) for p in pieces}) == len(pieces)
    repeats = 0
    for p in pieces:
        bars = " ".join(p[1:-1]).split(" | ")
        rhythm = [tuple(t.split("/")[1] for t in bar.split()) for bar in bars]
        repeats += rhythm[0] in rhythm[1:3] + rhythm[4:7]
    assert repeats > 0.8 * len(pieces)        # the bar-1 rhythm comes back in most pieces


def test_same_seed_same_melodies_other_seed_different():
    b = _module("build_text_sets")
    a1 = b.make_melodies(np.random.default_rng(1), 5)
    assert a1 == b.make_melodies(np.random.default_rng(1), 5)
    assert a1 != b.make_melodies(np.random.default_rng(2), 5)


def test_held_out_split_is_deterministic_and_disjoint():
    names = dl.load_names()
    tr, ho = dl.held_out_split(names, np.random.default_rng(0))
    tr2, ho2 = dl.held_out_split(names, np.random.default_rng(0))
    assert tr == tr2 and ho == ho2 and len(ho) == 516 and not set(tr) & set(ho)
    assert sorted(tr + ho) == names


@pytest.mark.parametrize("call, match", [
    (lambda: dl.held_out_split(["a", "b"], 0), "held_out_split: rng must be a np.random.Generator"),
    (lambda: dl.held_out_split(["a"], np.random.default_rng(0)), "held_out_split: need at least 2 items"),
    (lambda: dl.read_text_set("nope"), r"read_text_set: .*nope\.txt does not exist"),
    (lambda: dl.read_text_set(""), "read_text_set: name must be"),
])
def test_text_set_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_comment_only_file_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "empty.txt").write_text("# only a header\n\n")
    monkeypatch.setenv("DLUTILS_DATASETS", str(tmp_path))
    with pytest.raises(ValueError, match=r"read_text_set: .*empty\.txt holds no examples"):
        dl.read_text_set("empty")
