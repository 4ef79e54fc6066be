"""Character language models: cross-entropy, perplexity, temperature sampling, baselines, the
recurrent LM's loss and gradients (RNN and LSTM), sampling and training."""
import math

import numpy as np
import pytest

import dlutils as dl


def _probs(rng, V, m, T):
    z = rng.standard_normal((V, m, T))
    e = np.exp(z)
    return e / e.sum(axis=0, keepdims=True)


def test_cross_entropy_golden_and_padding():
    y_hat = np.zeros((3, 1, 3))
    y_hat[:, 0, 0] = [0.5, 0.25, 0.25]
    y_hat[:, 0, 1] = [0.1, 0.1, 0.8]
    y_hat[:, 0, 2] = [1 / 3] * 3
    Y = np.array([[1, 2, -1]])                       # last step is padding
    expected = -(math.log(0.25) + math.log(0.8)) / 2
    assert dl.char_cross_entropy(y_hat, Y) == pytest.approx(expected, rel=1e-12)
    assert dl.char_cross_entropy(y_hat, Y, mask=np.array([[1, 0, 0]])) == pytest.approx(-math.log(0.25))


def test_uniform_predictions_cost_ln_V_and_perplexity_V():
    V = 27
    y_hat = np.full((V, 4, 6), 1 / V)
    Y = np.random.default_rng(0).integers(0, V, (4, 6))
    loss = dl.char_cross_entropy(y_hat, Y)
    assert loss == pytest.approx(math.log(V)) and dl.perplexity(loss) == pytest.approx(V)


def test_softmax_with_temperature_properties():
    z = np.array([2.0, 1.0, -1.0])
    p1 = dl.softmax_with_temperature(z, 1.0)
    assert p1 == pytest.approx(np.exp(z) / np.exp(z).sum())
    assert dl.softmax_with_temperature(z + 100, 0.5) == pytest.approx(dl.softmax_with_temperature(z, 0.5))
    cold, hot = dl.softmax_with_temperature(z, 0.05), dl.softmax_with_temperature(z, 50)
    assert cold[0] > 0.999 and np.ptp(hot) < 0.05
    assert dl.softmax_with_temperature(z, 0.5)[0] > p1[0] > dl.softmax_with_temperature(z, 2)[0]
    Z = np.stack([z, -z], axis=1)
    assert dl.softmax_with_temperature(Z, 1.0).sum(axis=0) == pytest.approx([1, 1])


def test_sampling_draws_with_the_right_frequencies():
    z = np.log(np.array([0.6, 0.3, 0.1]))
    rng = np.random.default_rng(0)
    draws = [dl.sample_with_temperature(z, 1.0, rng) for _ in range(6000)]
    freq = np.bincount(draws, minlength=3) / 6000
    assert freq == pytest.approx([0.6, 0.3, 0.1], abs=0.02)     # a draw, not argmax
    many = dl.sample_with_temperature(np.tile(z[:, None], (1, 6000)), 1.0, np.random.default_rng(1))
    assert many.shape == (6000,) and np.bincount(many, minlength=3) / 6000 == pytest.approx([0.6, 0.3, 0.1], abs=0.02)
    hot = np.bincount(dl.sample_with_temperature(np.tile(z[:, None], (1, 6000)), 3.0,
                                                 np.random.default_rng(2)), minlength=3) / 6000
    assert hot[2] > 0.2                                           # temperature flattens
    a = [dl.sample_with_temperature(z, 1.0, np.random.default_rng(5)) for _ in range(3)]
    assert len(set(a)) == 1                                       # same seed, same draw


def test_unigram_baseline_exact_on_a_toy_corpus():
    v = dl.Vocabulary(["ab"], extra=["\n"])
    # train tokens: a b \n a a \n -> counts \n:2 a:3 b:1 (+alpha 0)
    loss = dl.unigram_loss(["ab", "aa"], ["b"], v, alpha=0.0)
    assert loss == pytest.approx(-(math.log(1 / 6) + math.log(2 / 6)) / 2)


def test_bigram_beats_unigram_when_the_previous_character_matters():
    v = dl.Vocabulary(["ab"], extra=["\n"])
    train = ["abab", "ab", "ababab"] * 5
    held = ["abab", "ab"]
    bi, uni = dl.bigram_loss(train, held, v, alpha=0.01), dl.unigram_loss(train, held, v)
    assert bi < 0.35 < uni
    assert dl.bigram_loss(["ab"], ["ab"], v, alpha=0.0) == pytest.approx(0.0, abs=1e-12)


def test_baselines_on_the_names():
    names = dl.load_names()
    tr, ho = dl.held_out_split(names, np.random.default_rng(0))
    v = dl.Vocabulary(names, extra=["\n"])
    uni, bi = dl.unigram_loss(tr, ho, v), dl.bigram_loss(tr, ho, v)
    assert 2.7 < uni < 2.9 and 2.2 < bi < 2.45 and bi < uni < math.log(27)


def _lm_case(cell, seed=0):
    rng = np.random.default_rng(seed)
    v = dl.Vocabulary(["abcd"], extra=["\n"])
    p = dl.init_lm(v.size, 4, rng, cell=cell)
    for k in p:
        p[k] = 0.5 * rng.standard_normal(p[k].shape)            # random, non-zero, biases too
    X, Y, mask = dl.lm_batch(["abc", "d", "cab"], v)
    a0 = 0.3 * rng.standard_normal((4, 3))
    return p, X, Y, mask, a0


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
def test_lm_loss_gradient_check(cell):
    p, X, Y, mask, a0 = _lm_case(cell)
    loss, grads, a_last = dl.lm_loss(p, X, Y, mask, a0)
    assert set(grads) == {"d" + k for k in p} and a_last.shape == (4, 3)
    eps = 1e-5
    for k in p:
        num = np.zeros_like(p[k])
        for idx in np.ndindex(p[k].shape):
            old = p[k][idx]
            p[k][idx] = old + eps
            lp = dl.lm_loss(p, X, Y, mask, a0, need_grads=False)[0]
            p[k][idx] = old - eps
            lm = dl.lm_loss(p, X, Y, mask, a0, need_grads=False)[0]
            p[k][idx] = old
            num[idx] = (lp - lm) / (2 * eps)
        rel = np.linalg.norm(num - grads["d" + k]) / (np.linalg.norm(num) + np.linalg.norm(grads["d" + k]))
        assert rel < 1e-6, (k, rel)


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
def test_lm_loss_ignores_padding(cell):
    p, X, Y, mask, a0 = _lm_case(cell)
    a0 = np.zeros_like(a0)
    loss = dl.lm_loss(p, X, Y, mask, a0, need_grads=False)[0]
    v = dl.Vocabulary(["abcd"], extra=["\n"])
    total = n = 0
    for s in ["abc", "d", "cab"]:
        Xs, Ys, ms = dl.lm_batch([s], v)
        total += dl.lm_loss(p, Xs, Ys, ms, need_grads=False)[0] * ms.sum()
        n += ms.sum()
    assert loss == pytest.approx(total / n, rel=1e-12)


def test_first_loss_is_ln_V_with_the_course_init():
    names = dl.load_names()[:300]
    v = dl.Vocabulary(names, extra=["\n"])
    p = dl.init_lm(v.size, 50, np.random.default_rng(0))
    loss = dl.lm_loss(p, *dl.lm_batch(names, v), need_grads=False)[0]
    assert loss == pytest.approx(math.log(27), abs=1e-3)


@pytest.mark.parametrize("cell", ["rnn", "lstm"])
def test_fit_learns_a_tiny_corpus_and_samples_it(cell):
    rng = np.random.default_rng(0)
    v = dl.Vocabulary(["abc"], extra=["\n"])
    p = dl.init_lm(v.size, 8, rng, cell=cell)
    r = dl.fit_lm(p, ["abc", "abc", "bca"], v, rng, num_steps=300, mini_batch_size=4, learning_rate=0.05,
                  held_out=["abc"], eval_every=100)
    assert r["diverged"] is None and r["held_out"][-1][1] < 0.4 < math.log(4)
    assert r["losses"][-1] < 0.5 * r["losses"][0]
    s = dl.sample_lm(p, v, np.random.default_rng(1), temperature=0.2, n=20)
    assert set(s) <= {"abc", "bca"} and "abc" in s


def test_sample_lm_is_reproducible_stops_at_end_and_keeps_a_prefix():
    v = dl.Vocabulary(["abc"], extra=["\n"])
    p = dl.init_lm(v.size, 6, np.random.default_rng(0), scale=1.0)
    s1 = dl.sample_lm(p, v, np.random.default_rng(3), n=5, max_length=10)
    s2 = dl.sample_lm(p, v, np.random.default_rng(3), n=5, max_length=10)
    assert s1 == s2 and all(len(s) <= 10 and "\n" not in s for s in s1)
    pre = dl.sample_lm(p, v, np.random.default_rng(4), n=3, max_length=10, prefix="ab")
    assert all(s.startswith("ab") for s in pre)


def test_sgd_without_clipping_diverges_and_is_reported():
    names = dl.load_names()
    v = dl.Vocabulary(names, extra=["\n"])
    rng = np.random.default_rng(1)
    r = dl.fit_lm(dl.init_lm(v.size, 50, rng), names, v, rng, num_steps=300, optimizer="sgd",
                  learning_rate=3.0, clip=None)
    assert r["diverged"] is not None and "clip the gradients" in r["diverged"]
    rng = np.random.default_rng(1)
    r = dl.fit_lm(dl.init_lm(v.size, 50, rng), names, v, rng, num_steps=300, optimizer="sgd",
                  learning_rate=3.0, clip=0.02, clip_kind="value")
    assert r["diverged"] is None and r["losses"][-1] < 2.6


@pytest.mark.parametrize("call, match", [
    (lambda: dl.char_cross_entropy(np.ones((3, 2, 4)), np.zeros((3, 2, 4), int)), r"char_cross_entropy: y_hat must be \(V, m, T_x\) and Y \(m, T_x\)"),
    (lambda: dl.char_cross_entropy(np.ones((3, 1, 2)), -np.ones((1, 2), int)), "char_cross_entropy: no real steps"),
    (lambda: dl.softmax_with_temperature(np.zeros(3), 0), "softmax_with_temperature: temperature must be > 0"),
    (lambda: dl.sample_with_temperature(np.zeros(3), 1.0, None), "sample_with_temperature: rng must be"),
    (lambda: dl.unigram_loss([], ["a"], dl.Vocabulary(["a"], extra=["\n"])), "unigram_loss: empty corpus"),
    (lambda: dl.bigram_loss(["a"], [], dl.Vocabulary(["a"], extra=["\n"])), "bigram_loss: empty corpus"),
    (lambda: dl.init_lm(5, 3, np.random.default_rng(0), cell="gru"), "init_lm: cell must be"),
    (lambda: dl.init_lm(5, 3, 0), "init_lm: rng must be"),
    (lambda: dl.lm_loss(dl.init_lm(3, 2, np.random.default_rng(0)), np.zeros((3, 2)), np.zeros((2, 1), int)), r"lm_loss: X must be one-hot \(V, m, T_x\)"),
    (lambda: dl.sample_lm(dl.init_lm(3, 2, np.random.default_rng(0)), dl.Vocabulary(["ab"]), 1), "sample_lm: rng must be"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
