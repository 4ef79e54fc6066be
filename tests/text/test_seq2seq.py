"""The attention seq2seq model: gradient checks (attention / none, with and without feeding the
previous token), the attention step, parameter count, bad input."""
import numpy as np
import pytest

import dlutils as dl
from tests.nn.recurrent_helpers import numerical


def _setup(rng, **kw):
    c = dl.Seq2SeqConfig(V_h=5, V_m=4, n_a=3, n_s=4, n_e=3, **kw)
    p = {k: v + 0.3 * rng.standard_normal(v.shape) for k, v in dl.init_seq2seq(c, rng).items()}
    if "att_b2" in p:
        p["att_b2"] = p["att_b2"] + 1.0      # energies above the relu's kink, so every weight gets a gradient
    X = dl.one_hot_indices(rng.integers(0, 5, (2, 6)), 5)
    Y = dl.one_hot_indices(rng.integers(0, 4, (2, 3)), 4)
    return c, p, X, Y


@pytest.mark.parametrize("attention,feed_previous", [(True, False), (True, True), (False, False)])
def test_seq2seq_gradient_check(attention, feed_previous):
    rng = np.random.default_rng(0)
    c, p, X, Y = _setup(rng, attention=attention, feed_previous=feed_previous)
    _, g = dl.seq2seq_loss(X, Y, p, c)
    assert set(g) == set(p)
    for k in p:
        num = numerical(lambda: dl.seq2seq_loss(X, Y, p, c)[0], p[k])
        if k == "att_b2":   # with every energy above the kink, a shared shift leaves the softmax unchanged
            assert np.allclose(g[k], 0, atol=1e-10) and np.allclose(num, 0, atol=1e-8)
            continue
        err = np.linalg.norm(g[k] - num) / (np.linalg.norm(g[k]) + np.linalg.norm(num))
        assert err < 1e-6, (k, err)


def test_one_step_attention_matches_the_definition():
    rng = np.random.default_rng(1)
    c, p, X, _ = _setup(rng)
    a, _ = dl.seq2seq_encode(X, p, c)
    s = rng.standard_normal((4, 2))
    ctx, al, _ = dl.one_step_attention(a, s, p)
    for i in range(2):
        e = np.array([max(0.0, (p["att_W2"] @ np.tanh(p["att_W1"] @ np.r_[a[:, i, t], s[:, i]][:, None]
                                                       + p["att_b1"]) + p["att_b2"]).item()) for t in range(6)])
        w = np.exp(e) / np.exp(e).sum()
        assert np.allclose(al[i], w) and np.allclose(ctx[:, i], a[:, i] @ w)
    with pytest.raises(ValueError, match="s_prev has shape"):
        dl.one_step_attention(a, s.T, p)


def test_course_parameter_count():
    p = dl.init_seq2seq(dl.Seq2SeqConfig(V_h=37), np.random.default_rng(0))
    assert dl.count_seq2seq_parameters(p) == 52960


def test_bad_input():
    rng = np.random.default_rng(2)
    c, p, X, Y = _setup(rng, feed_previous=True)
    with pytest.raises(ValueError, match="one_hot_indices"):
        dl.seq2seq_encode(X[:4], p, c)
    with pytest.raises(ValueError, match="feed_previous=True needs the targets"):
        dl.seq2seq_forward(X, p, c)
    with pytest.raises(ValueError, match=r"expected one-hot \(V_m=4"):
        dl.seq2seq_loss(X, Y[:3], p, c)


def test_gradient_through_the_relu_of_the_energies():
    # some energies below zero, some above: the relu's mask must be applied in backward
    rng = np.random.default_rng(3)
    c, p, X, Y = _setup(rng)
    p["att_b2"] = np.zeros((1, 1))
    a, _ = dl.seq2seq_encode(X, p, c)
    _, _, (H, _, _, _) = dl.one_step_attention(a, np.zeros((4, 2)), p)
    p["att_b2"] = -np.median(p["att_W2"] @ H.reshape(3, -1)).reshape(1, 1)   # half the energies below the kink
    _, _, (_, E, _, _) = dl.one_step_attention(a, np.zeros((4, 2)), p)
    assert 0 < (E > 0).mean() < 1
    _, g = dl.seq2seq_loss(X, Y, p, c)
    for k in ("att_W1", "att_W2", "att_b1", "att_b2"):
        num = numerical(lambda: dl.seq2seq_loss(X, Y, p, c)[0], p[k])
        assert np.linalg.norm(g[k] - num) / (np.linalg.norm(g[k]) + np.linalg.norm(num)) < 1e-6, k
