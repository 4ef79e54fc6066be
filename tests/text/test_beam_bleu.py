"""Greedy decoding, beam search with length normalization, BLEU."""
import math

import numpy as np
import pytest

import dlutils as dl


def _markov_step(table):
    """A toy decoder: log P(next | last) from a table; state is unused (one dummy array)."""
    def step(state, tokens):
        rows = np.zeros(1, int) if tokens is None else tokens
        return np.log(table[rows]), state
    return step


def test_beam_finds_what_greedy_misses():
    # from the start row 0: token 1 (0.6) leads to a flat distribution, token 2 (0.4) to a sure one
    T = np.array([[0.01, 0.6, 0.39], [0.34, 0.33, 0.33], [0.01, 0.01, 0.98]])
    step = _markov_step(T)
    state = (np.zeros((1, 1)),)
    g, g_lp = dl.greedy_decode(step, state, 2)
    best = dl.beam_search(step, state, 2, beam_width=3, alpha=0.0)[0]
    assert g == [1, 0] and best[0] == [2, 2]
    assert best[1] > g_lp
    assert np.isclose(best[1], math.log(0.39) + math.log(0.98))
    one = dl.beam_search(step, state, 2, beam_width=1, alpha=0.0)[0]
    assert one[0] == g                                          # width 1 is greedy


def test_length_normalization_changes_the_choice():
    # token 0 = end. Ending at once: p = 0.4; going on: 0.6 * 0.6 = 0.36 then end
    step = _markov_step(np.array([[0.4, 0.6], [0.6, 0.4]]))
    state = (np.zeros((1, 1)),)
    raw = dl.beam_search(step, state, 5, beam_width=2, alpha=0.0, end=0)[0]
    norm = dl.beam_search(step, state, 5, beam_width=2, alpha=1.0, end=0)[0]
    assert raw[0] == [0]                                         # unnormalized prefers the shortest
    assert len(norm[0]) > 1
    assert dl.length_normalized_score(-2.0, 4, 0.5) == -1.0
    with pytest.raises(ValueError, match="beam_width must be a positive int"):
        dl.beam_search(step, state, 3, beam_width=0)


def test_bleu_known_values():
    ref = "the cat is on the mat".split()
    assert dl.bleu(ref, [ref]) == 1.0
    cand = "the the the the the the the".split()
    assert np.isclose(dl.ngram_precision(cand, [ref], 1), 2 / 7)             # clipped counts
    assert np.isclose(dl.ngram_precision("the cat".split(), [ref], 1), 1.0)
    assert np.isclose(dl.brevity_penalty(2, 6), math.exp(1 - 3))
    assert dl.bleu("the mat is on the cat".split(), [ref]) == 0.0          # no 4-gram in common
    c2 = "the cat is on the rug".split()
    expect = math.exp(0.25 * (math.log(5 / 6) + math.log(4 / 5) + math.log(3 / 4) + math.log(2 / 3)))
    assert np.isclose(dl.bleu(c2, [ref]), expect)
    with pytest.raises(ValueError, match="references must be a non-empty list"):
        dl.bleu(c2, "the cat")
