"""Scaled dot-product and multi-head attention: gradient checks, masks, bad input."""
import numpy as np
import pytest

import dlutils as dl
from tests.nn.recurrent_helpers import numerical


def _rel(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def test_attention_rows_sum_to_one_and_match_loop():
    rng = np.random.default_rng(0)
    Q, K, V = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 5, 4)), rng.standard_normal((2, 5, 6))
    out, w, _ = dl.scaled_dot_product_attention(Q, K, V)
    assert np.allclose(w.sum(-1), 1)
    for b in range(2):
        for i in range(3):
            s = np.array([Q[b, i] @ K[b, j] / 2.0 for j in range(5)])
            a = np.exp(s - s.max()) / np.exp(s - s.max()).sum()
            assert np.allclose(out[b, i], a @ V[b])


def test_attention_gradient_check_with_mask():
    rng = np.random.default_rng(1)
    Q, K, V = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 5, 4)), rng.standard_normal((2, 5, 6))
    mask = np.ones((2, 1, 5))
    mask[1, 0, 3:] = 0
    out, _, cache = dl.scaled_dot_product_attention(Q, K, V, mask)
    dout = rng.standard_normal(out.shape)
    grads = dl.scaled_dot_product_attention_backward(dout, cache)
    for x, g in zip((Q, K, V), grads):
        num = numerical(lambda: np.sum(dl.scaled_dot_product_attention(Q, K, V, mask)[0] * dout), x)
        assert _rel(g, num) < 1e-7


def test_masked_keys_get_zero_weight_and_full_mask_is_finite():
    rng = np.random.default_rng(2)
    Q, K, V = rng.standard_normal((1, 2, 4)), rng.standard_normal((1, 3, 4)), rng.standard_normal((1, 3, 2))
    _, w, _ = dl.scaled_dot_product_attention(Q, K, V, np.array([[[1, 1, 0]]]))
    assert np.all(w[..., 2] < 1e-12)
    out, w, _ = dl.scaled_dot_product_attention(Q, K, V, np.zeros((1, 2, 3)))
    assert np.all(np.isfinite(out)) and np.allclose(w.sum(-1), 1)   # finite (with -inf it would be NaN)


def test_look_ahead_mask_future_tokens_do_not_change_the_past():
    rng = np.random.default_rng(3)
    p = dl.init_multi_head_attention(8, rng)
    X = rng.standard_normal((2, 6, 8))
    out1, _, _ = dl.multi_head_attention_forward(X, X, p, 2, dl.look_ahead_mask(6))
    X2 = X.copy()
    X2[:, 4:] = rng.standard_normal((2, 2, 8))
    out2, _, _ = dl.multi_head_attention_forward(X2, X2, p, 2, dl.look_ahead_mask(6))
    assert np.allclose(out1[:, :4], out2[:, :4])
    assert not np.allclose(out1[:, 4:], out2[:, 4:])


def test_padding_mask_shape_and_values():
    m = dl.attention_padding_mask(np.array([[3, 4, 0], [1, 0, 0]]))
    assert m.shape == (2, 1, 1, 3)
    assert m[1, 0, 0].tolist() == [1, 0, 0]
    assert dl.look_ahead_mask(3).tolist() == [[1, 0, 0], [1, 1, 0], [1, 1, 1]]


def test_multi_head_attention_gradient_check():
    rng = np.random.default_rng(4)
    p = dl.init_multi_head_attention(6, rng)
    for k in p:
        p[k] = p[k] + 0.1 * rng.standard_normal(p[k].shape)
    Xq, Xkv = rng.standard_normal((2, 3, 6)), rng.standard_normal((2, 4, 6))
    mask = dl.attention_padding_mask(np.array([[1, 2, 3, 0], [1, 2, 3, 4]]))
    out, _, cache = dl.multi_head_attention_forward(Xq, Xkv, p, 3, mask)
    dout = rng.standard_normal(out.shape)
    dXq, dXkv, g = dl.multi_head_attention_backward(dout, cache)
    f = lambda: np.sum(dl.multi_head_attention_forward(Xq, Xkv, p, 3, mask)[0] * dout)  # noqa: E731
    assert _rel(dXq, numerical(f, Xq)) < 1e-7
    assert _rel(dXkv, numerical(f, Xkv)) < 1e-7
    for k in p:
        if k == "bk":   # a key bias shifts every score of a query equally: softmax ignores it
            assert np.allclose(g[k], 0, atol=1e-12) and np.allclose(numerical(f, p[k]), 0, atol=1e-8)
        else:
            assert _rel(g[k], numerical(f, p[k])) < 1e-7, k


def test_heads_are_independent_blocks():
    # with Wo = I, head j's output occupies columns j*d_k:(j+1)*d_k and depends only on those Q/K/V columns
    rng = np.random.default_rng(5)
    p = dl.init_multi_head_attention(4, rng)
    for n in "qkvo":
        p["W" + n] = np.eye(4)
    X = rng.standard_normal((1, 3, 4))
    out, w, _ = dl.multi_head_attention_forward(X, X, p, 2)
    ref, _, _ = dl.scaled_dot_product_attention(X[..., :2], X[..., :2], X[..., :2])
    assert np.allclose(out[..., :2], ref) and w.shape == (1, 2, 3, 3)


def test_bad_input_messages():
    rng = np.random.default_rng(6)
    Q = rng.standard_normal((1, 2, 4))
    with pytest.raises(ValueError, match="mask has shape .* must broadcast"):
        dl.scaled_dot_product_attention(Q, Q, Q, np.ones((3, 3)))
    with pytest.raises(ValueError, match="did you pass K transposed|Did you pass K"):
        dl.scaled_dot_product_attention(Q, Q.transpose(0, 2, 1), Q)
    p = dl.init_multi_head_attention(4, rng)
    with pytest.raises(ValueError, match="num_heads=3 must be a positive int dividing d_model=4"):
        dl.multi_head_attention_forward(Q, Q, p, 3)
    with pytest.raises(ValueError, match="mask has shape"):
        dl.multi_head_attention_forward(Q, Q, p, 2, np.ones((1, 1, 1, 5)))
    with pytest.raises(ValueError, match=r"expected \(m, T, d_model=4\)"):
        dl.multi_head_attention_forward(Q[0], Q[0], p, 2)
    with pytest.raises(ValueError, match="attention_padding_mask: ids has shape"):
        dl.attention_padding_mask(np.array([1, 2, 0]))
