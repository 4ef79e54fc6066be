"""Vocabulary, one-hot (V, m, T_x) and language-model batches."""
import numpy as np
import pytest

import dlutils as dl


def test_vocabulary_sorted_with_extra_and_round_trip():
    v = dl.Vocabulary(["abc", "cab", "ba"], extra=["\n"])
    assert v.tokens == ["\n", "a", "b", "c"] and v.size == len(v) == 4
    assert v.char_to_ix["a"] == 1 and v.ix_to_char[3] == "c"
    assert v.encode("cab") == [3, 1, 2] and v.decode([3, 1, 2, 0]) == "cab\n"


def test_token_vocabulary_decodes_to_lists():
    v = dl.Vocabulary([["K:C", "60/2", "|"], ["K:G", "67/4"]], extra=["<end>"])
    assert v.size == 6 and v.decode(v.encode(["K:G", "67/4"])) == ["K:G", "67/4"]


def test_names_vocabulary_is_the_course_size():
    v = dl.Vocabulary(dl.load_names(), extra=["\n"])
    assert v.size == 27 and v.tokens[0] == "\n" and v.tokens[1:] == list("abcdefghijklmnopqrstuvwxyz")


def test_one_hot_layout_and_padding():
    X = dl.one_hot_indices(np.array([[0, 2, -1], [1, 1, 1]]), 3)
    assert X.shape == (3, 2, 3)
    assert X[:, 0, 1].tolist() == [0, 0, 1] and X[:, 0, 2].tolist() == [0, 0, 0]
    assert X[:, 1, :].sum(axis=0).tolist() == [1, 1, 1] and X[1, 1].tolist() == [1, 1, 1]


def test_one_hot_sequences_mask_and_cut():
    v = dl.Vocabulary(["abc"])
    X, mask = dl.one_hot_sequences(["ab", "cba"], v)
    assert X.shape == (3, 2, 3) and mask.tolist() == [[1, 1, 0], [1, 1, 1]]
    assert X[:, 0, 2].sum() == 0 and X[2, 1, 0] == 1
    X2, mask2 = dl.one_hot_sequences(["cba"], v, T_x=2)
    assert X2.shape == (3, 1, 2) and mask2.tolist() == [[1, 1]]


def test_lm_batch_shifts_inputs_and_ends_with_end_token():
    v = dl.Vocabulary(["ab"], extra=["\n"])          # "\n"=0, a=1, b=2
    X, Y, mask = dl.lm_batch(["ab", "b"], v)
    assert X.shape == (3, 2, 3) and Y.tolist() == [[1, 2, 0], [2, 0, -1]]
    assert mask.tolist() == [[1, 1, 1], [1, 1, 0]]
    assert np.all(X[:, :, 0] == 0)                   # x<1> = 0
    assert X[:, 0, 1].tolist() == [0, 1, 0] and X[:, 0, 2].tolist() == [0, 0, 1]   # x<t+1> = y<t>
    assert X[:, 1, 1].tolist() == [0, 0, 1] and np.all(X[:, 1, 2] == 0)           # padding is zero


@pytest.mark.parametrize("call, match", [
    (lambda: dl.Vocabulary([]), "Vocabulary: the corpus is empty"),
    (lambda: dl.Vocabulary(["", ""]), "Vocabulary: the corpus is empty"),
    (lambda: dl.Vocabulary(None), "Vocabulary: the corpus is empty"),
    (lambda: dl.Vocabulary(["abc"]).encode("Abd"), r"Vocabulary.encode: 2 token\(s\) outside the vocabulary: \['A', 'd'\].*name.lower\(\)"),
    (lambda: dl.Vocabulary(["abc"]).decode([5]), r"Vocabulary.decode: index 5 outside 0..2"),
    (lambda: dl.one_hot_indices(np.array([1, 2]), 3), r"one_hot_indices: indices must be an int array \(m, T\).*\[seq\]"),
    (lambda: dl.one_hot_indices(np.array([[0, 3]]), 3), "one_hot_indices: index 3 >= V = 3"),
    (lambda: dl.one_hot_sequences([], dl.Vocabulary(["a"])), "one_hot_sequences: no sequences"),
    (lambda: dl.lm_batch([], dl.Vocabulary(["a"])), "lm_batch: no sequences"),
    (lambda: dl.lm_batch(["a"], dl.Vocabulary(["a"])), r"lm_batch: the end token '\\n' is not in the vocabulary"),
    (lambda: dl.lm_batch(["aX"], dl.Vocabulary(["a"], extra=["\n"])), "Vocabulary.encode: 1 token"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
