"""Transformer pieces: positional encoding, layer norm, feed-forward, encoder/decoder layers, the
encoder-decoder model and its loss, the warm-up schedule; gradient checks and bad input."""
import numpy as np
import pytest

import dlutils as dl
from tests.nn.recurrent_helpers import numerical


def _rel(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def _jitter(p, rng, s=0.1):
    return {k: v + s * rng.standard_normal(v.shape) for k, v in p.items()}


def test_positional_encoding_properties():
    pe = dl.positional_encoding(50, 16)
    assert pe.shape == (50, 16)
    assert np.allclose(pe[0, 0::2], 0) and np.allclose(pe[0, 1::2], 1)
    assert np.allclose(pe[:, 0::2] ** 2 + pe[:, 1::2] ** 2, 1)          # each (sin, cos) pair on the unit circle
    assert np.allclose(pe[:, 0], np.sin(np.arange(50)))
    # the dot product of two encodings depends only on their distance
    assert np.isclose(pe[3] @ pe[10], pe[20] @ pe[27])
    with pytest.raises(ValueError, match="max_len must be a positive int"):
        dl.positional_encoding(0, 4)


def test_layer_norm_gradient_check():
    rng = np.random.default_rng(0)
    X, ga, be = rng.standard_normal((2, 3, 5)), rng.standard_normal(5), rng.standard_normal(5)
    out, cache = dl.layer_norm_forward(X, ga, be)
    assert np.allclose(((out - be) / ga).mean(-1), 0) and np.allclose(((out - be) / ga).std(-1), 1, atol=1e-5)
    dout = rng.standard_normal(out.shape)
    grads = dl.layer_norm_backward(dout, cache)
    for x, g in zip((X, ga, be), grads):
        assert _rel(g, numerical(lambda: np.sum(dl.layer_norm_forward(X, ga, be)[0] * dout), x)) < 1e-7
    with pytest.raises(ValueError, match="one per feature"):
        dl.layer_norm_forward(X, ga[:4], be)


def test_feed_forward_gradient_check():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((2, 3, 4))
    W1, b1, W2, b2 = (rng.standard_normal(s) for s in ((4, 6), (6,), (6, 4), (4,)))
    out, cache = dl.feed_forward_forward(X, W1, b1, W2, b2)
    dout = rng.standard_normal(out.shape)
    grads = dl.feed_forward_backward(dout, cache)
    for x, g in zip((X, W1, b1, W2, b2), grads):
        assert _rel(g, numerical(lambda: np.sum(dl.feed_forward_forward(X, W1, b1, W2, b2)[0] * dout), x)) < 1e-7
    with pytest.raises(ValueError, match="do not chain"):
        dl.feed_forward_forward(X, W1, b1, W1, b2)


def test_encoder_layer_gradient_check():
    rng = np.random.default_rng(2)
    p = _jitter(dl.init_encoder_layer(4, 6, rng), rng)
    X = rng.standard_normal((2, 3, 4))
    mask = dl.attention_padding_mask(np.array([[1, 2, 0], [1, 2, 3]]))
    out, w, cache = dl.encoder_layer_forward(X, p, 2, mask)
    dout = rng.standard_normal(out.shape)
    dX, g = dl.encoder_layer_backward(dout, cache)
    f = lambda: np.sum(dl.encoder_layer_forward(X, p, 2, mask)[0] * dout)  # noqa: E731
    assert _rel(dX, numerical(f, X)) < 1e-6
    assert set(g) == set(p)
    for k in p:
        if not k.endswith("bk"):
            assert _rel(g[k], numerical(f, p[k])) < 1e-6, k


def test_decoder_layer_gradient_check():
    rng = np.random.default_rng(3)
    p = _jitter(dl.init_decoder_layer(4, 6, rng), rng)
    Y, E = rng.standard_normal((2, 3, 4)), rng.standard_normal((2, 5, 4))
    la, pad = dl.look_ahead_mask(3), dl.attention_padding_mask(np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]))
    out, _, cache = dl.decoder_layer_forward(Y, E, p, 2, la, pad)
    dout = rng.standard_normal(out.shape)
    dY, dE, g = dl.decoder_layer_backward(dout, cache)
    f = lambda: np.sum(dl.decoder_layer_forward(Y, E, p, 2, la, pad)[0] * dout)  # noqa: E731
    assert _rel(dY, numerical(f, Y)) < 1e-6
    assert _rel(dE, numerical(f, E)) < 1e-6
    assert np.allclose(dE[0, 3:], 0)                       # padded encoder positions get no gradient
    for k in p:
        if not k.endswith("bk"):
            assert _rel(g[k], numerical(f, p[k])) < 1e-6, k


def _small_model(rng):
    cfg = dl.TransformerConfig(vocab_in=7, vocab_out=6, d_model=4, num_heads=2, d_ff=6, n_enc=1, n_dec=1, max_len=8)
    return cfg, _jitter(dl.init_transformer(cfg, rng), rng)


def test_transformer_loss_gradient_check():
    rng = np.random.default_rng(4)
    cfg, p = _small_model(rng)
    src = np.array([[1, 2, 3, 0], [4, 5, 6, 2]])
    tin, tout = np.array([[1, 3, 2], [1, 4, 0]]), np.array([[3, 2, 5], [4, 5, 0]])
    cost, g = dl.transformer_loss(src, tin, tout, p, cfg)
    assert set(g) == set(p)
    f = lambda: dl.transformer_loss(src, tin, tout, p, cfg)[0]  # noqa: E731
    for k in p:
        if not k.endswith("bk"):
            assert _rel(g[k], numerical(f, p[k])) < 1e-6, k


def test_transformer_decoder_is_causal():
    rng = np.random.default_rng(5)
    cfg, p = _small_model(rng)
    src = np.array([[1, 2, 3]])
    a, _ = dl.transformer_forward(src, np.array([[1, 2, 3, 4]]), p, cfg)
    b, _ = dl.transformer_forward(src, np.array([[1, 2, 5, 5]]), p, cfg)
    assert np.allclose(a[:, :2], b[:, :2]) and not np.allclose(a[:, 2:], b[:, 2:])


def test_transformer_bad_input():
    rng = np.random.default_rng(6)
    cfg, p = _small_model(rng)
    with pytest.raises(ValueError, match="length 9 but the model's maximum is max_len=8"):
        dl.transformer_forward(np.ones((1, 9), int), np.ones((1, 2), int), p, cfg)
    with pytest.raises(ValueError, match="vocabulary has 7 entries.*<unk>"):
        dl.transformer_forward(np.array([[1, 7]]), np.ones((1, 2), int), p, cfg)
    with pytest.raises(ValueError, match="integer token ids"):
        dl.transformer_forward(np.ones((1, 3)), np.ones((1, 2), int), p, cfg)


def test_warmup_schedule():
    lr = dl.warmup_learning_rate(np.arange(1, 401), 32, warmup_steps=100)
    assert np.argmax(lr) == 99 and np.isclose(lr.max(), (32 * 100) ** -0.5)
    assert np.all(np.diff(lr[:100]) > 0) and np.all(np.diff(lr[100:]) < 0)
    with pytest.raises(ValueError, match="count updates from 1"):
        dl.warmup_learning_rate(0, 32)
