"""The date generator: formats, ISO pairing, determinism, encoding and its fix-it errors."""
import datetime

import numpy as np
import pytest

import dlutils as dl


def test_formats_of_one_date():
    d = datetime.date(2014, 2, 3)   # a monday
    got = {f: dl.format_date(d, f) for f in dl.HUMAN_FORMATS}
    assert len(dl.HUMAN_FORMATS) >= 10
    assert got["d month yyyy"] == "3 february 2014"
    assert got["m/d/yy"] == "2/3/14"
    assert got["weekday month d yyyy"] == "monday february 3 2014"
    assert got["dd mon yyyy"] == "03 feb 2014"
    assert got["dth of month yyyy"] == "3rd of february 2014"
    assert len(set(got.values())) == len(got)


def test_pairs_are_consistent_and_deterministic():
    h1, m1, d1 = dl.make_date_pairs(500, np.random.default_rng(7))
    h2, m2, _ = dl.make_date_pairs(500, np.random.default_rng(7))
    assert h1 == h2 and m1 == m2
    assert all(datetime.date.fromisoformat(m) == d for m, d in zip(m1, d1))
    assert all(1950 <= d.year <= 2049 for d in d1)
    assert max(len(h) for h in h1) <= dl.DATE_T_X
    X = dl.encode_dates(h1)
    assert X.shape == (500, 30) and X.max() < len(dl.HUMAN_VOCAB)
    assert dl.decode_iso(dl.encode_iso(m1)) == m1
    assert len(dl.MACHINE_VOCAB) == 11


def test_every_generated_character_is_in_the_vocabulary():
    h, _, _ = dl.make_date_pairs(3000, np.random.default_rng(1))
    assert set("".join(h)) <= set(dl.HUMAN_VOCAB)


def test_bad_input():
    with pytest.raises(ValueError, match="character '!' .* unknown='unk'"):
        dl.encode_dates(["3 feb 2014!"])
    ids = dl.encode_dates(["3 feb 2014!"], unknown="unk")
    assert ids[0, 10] == dl.HUMAN_VOCAB.index("<unk>")
    with pytest.raises(ValueError, match="reads at most T_x=30"):
        dl.encode_dates(["wednesday the 3rd of september 2014"])
    with pytest.raises(ValueError, match="not an ISO date"):
        dl.encode_iso(["2014/02/03"])
    with pytest.raises(ValueError, match="unknown format"):
        dl.format_date(datetime.date(2014, 2, 3), "yyyy")


def test_transformer_ids_shift_and_teacher_forcing():
    X, Y, _, _ = dl.date_dataset(4, np.random.default_rng(3))
    src, tin, tout = dl.date_transformer_ids(X, Y)
    pad = dl.HUMAN_VOCAB.index("<pad>")
    assert np.all((src == 0) == (X == pad)) and np.all(src[X != pad] == X[X != pad] + 1)
    assert np.all(tout == Y + 1) and np.all(tin[:, 0] == dl.DATE_START) and np.all(tin[:, 1:] == tout[:, :-1])
