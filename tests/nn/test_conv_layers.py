"""Layer classes for conv nets (Conv2D, ZeroPadding2D, pooling, Flatten, GAP, BatchNorm over
channels, Dense per step): shapes, gradient checks with a random upstream gradient, counts and
the fix-it messages."""
import numpy as np
import pytest

import dlutils as dl
from layer_helpers import fake_model, layer_errors


@pytest.mark.parametrize("layer, in_shape, out_shape", [
    (dl.Conv2D(4, 3, activation="relu"), (5, 6, 2), (5, 6, 4)),
    (dl.Conv2D(3, 3, stride=2, pad=1, activation="tanh"), (5, 7, 2), (3, 4, 3)),
    (dl.Conv2D(3, 2, stride=1, pad="valid"), (4, 4, 3), (3, 3, 3)),
    (dl.Conv2D(2, 4, stride=2, pad="same"), (5, 5, 2), (3, 3, 2)),
    (dl.Conv2D(5, 1), (3, 4, 3), (3, 4, 5)),                               # 1x1 convolution
    (dl.Conv2D(3, 3, use_bias=False), (4, 4, 2), (4, 4, 3)),
    (dl.ZeroPadding2D(1), (3, 4, 2), (5, 6, 2)),
    (dl.ZeroPadding2D(((0, 1), (2, 0))), (3, 3, 2), (4, 5, 2)),
    (dl.MaxPool2D(2), (4, 6, 2), (2, 3, 2)),
    (dl.MaxPool2D(3, 2, pad=1), (5, 5, 2), (3, 3, 2)),
    (dl.MaxPool2D(3, 1, pad="same"), (4, 4, 2), (4, 4, 2)),
    (dl.AvgPool2D(2, 1), (3, 4, 2), (2, 3, 2)),
    (dl.AvgPool2D(3, 2, pad=1), (5, 4, 3), (3, 2, 3)),
    (dl.Flatten(), (3, 2, 4), (24,)),
    (dl.GlobalAveragePooling2D(), (3, 2, 4), (4,)),
    (dl.BatchNorm(), (3, 4, 5), (3, 4, 5)),
    (dl.Dense(4, activation="tanh"), (3, 5), (4, 5)),                       # per time step
    (dl.BatchNorm(), (3, 5), (3, 5)),
    (dl.DepthwiseConv2D(3, activation="relu"), (4, 5, 3), (4, 5, 3)),
    (dl.DepthwiseConv2D(3, stride=2, pad="valid"), (5, 5, 2), (2, 2, 2)),
])
def test_layer_gradient_check_and_shapes(layer, in_shape, out_shape):
    rng = np.random.default_rng(0)
    errors, built_shape, out = layer_errors(layer, in_shape, rng)
    assert built_shape == out_shape
    n, counted_shape, _ = layer.count(in_shape)
    assert counted_shape == out_shape and n == sum(np.size(v) for v in layer.build(in_shape, 1, rng)[0].values())
    batch_out = out.shape[1:] if len(out_shape) == 3 else (out.shape[0],) + out.shape[2:]
    assert batch_out == out_shape
    assert max(errors.values()) < 1e-6, errors


def test_batchnorm_over_channels_uses_m_height_width_and_running_averages():
    rng = np.random.default_rng(1)
    bn = dl.BatchNorm(momentum=0.0)
    params, _ = bn.build((4, 5, 3), 1, rng)
    model = fake_model(bn)
    X = 2.0 + 3.0 * rng.standard_normal((6, 4, 5, 3)) * np.array([1.0, 2.0, 0.5])
    out, _ = bn.forward(X, params, model, True)
    np.testing.assert_allclose(out.mean(axis=(0, 1, 2)), 0, atol=1e-10)
    np.testing.assert_allclose(out.var(axis=(0, 1, 2)), 1, atol=1e-4)
    state = model.bn_state[1]
    np.testing.assert_allclose(state["running_mean"][:, 0], X.mean(axis=(0, 1, 2)))
    test_out, _ = bn.forward(X[:1], params, model, False)        # inference: running statistics
    np.testing.assert_allclose(test_out, out[:1], atol=1e-3)


def test_conv2d_matches_conv_forward_and_dense_on_1x1():
    rng = np.random.default_rng(2)
    conv = dl.Conv2D(3, 1)
    params, _ = conv.build((2, 2, 4), 5, rng)
    assert set(params) == {"conv5_W", "conv5_b"} and conv.weight_keys == ["conv5_W"]
    X = rng.standard_normal((2, 2, 2, 4))
    out, _ = conv.forward(X, params, fake_model(conv), True)
    W = params["conv5_W"][0, 0]                               # (4, 3): a Dense layer at every pixel
    np.testing.assert_allclose(out, X @ W + params["conv5_b"][0, 0])


def test_flatten_order_is_each_example_raveled():
    X = np.arange(2 * 2 * 3 * 2, dtype=float).reshape(2, 2, 3, 2)
    out, _ = dl.Flatten().forward(X, {}, None, True)
    assert out.shape == (12, 2)
    np.testing.assert_array_equal(out[:, 1], X[1].ravel())
    out2, cache = dl.flatten_forward(X)
    np.testing.assert_array_equal(out2, out)
    np.testing.assert_array_equal(dl.flatten_backward(out2, cache), X)
    g, _ = dl.global_average_pool_forward(X)
    np.testing.assert_allclose(g[:, 0], X[0].mean(axis=(0, 1)))


def test_dense_per_step_equals_a_loop_over_steps():
    rng = np.random.default_rng(3)
    dense = dl.Dense(3, activation="relu")
    params, out_shape = dense.build((4, 6), 1, rng)
    assert out_shape == (3, 6)
    X = rng.standard_normal((4, 5, 6))
    out, _ = dense.forward(X, params, None, True)
    for t in range(6):
        np.testing.assert_allclose(out[:, :, t], np.maximum(params["W1"] @ X[:, :, t] + params["b1"], 0))
    assert dense.count((4, 6)) == (15, (3, 6), 4 * 3 * 6)


def test_counts_and_multiply_adds():
    # lecture: 28x28x192 -> 28x28x32 with 5x5 filters costs ~120 M multiplies; 12.4 M with a 1x1 bottleneck
    _, _, direct = dl.Conv2D(32, 5).count((28, 28, 192))
    _, _, reduce_ = dl.Conv2D(16, 1).count((28, 28, 192))
    _, _, expand = dl.Conv2D(32, 5).count((28, 28, 16))
    assert direct == 28 * 28 * 32 * 5 * 5 * 192 == 120_422_400
    assert reduce_ + expand == 12_443_648
    assert dl.Conv2D(10, 3).count((8, 8, 3))[0] == 3 * 3 * 3 * 10 + 10
    assert dl.Conv2D(10, 3, use_bias=False).count((8, 8, 3))[0] == 270
    assert dl.BatchNorm().count((8, 8, 3)) == (6, (8, 8, 3), 0)


def test_describe_names_the_settings():
    assert dl.Conv2D(8, 3, stride=2, activation="relu").describe() == "Conv2D(8, 3x3, s=2, pad=same, relu)"
    assert dl.MaxPool2D(2).describe() == "MaxPool2D(2x2, s=2)"
    assert dl.AvgPool2D(3, 1, pad="same").describe() == "AvgPool2D(3x3, s=1, pad=same)"
    assert dl.ZeroPadding2D(2).describe() == "ZeroPadding2D(2)"


def test_bad_input_messages():
    rng = np.random.default_rng(4)
    with pytest.raises(ValueError, match=r"Conv2D: n_C \(number of filters\) must be a whole number >= 1, got 2.5"):
        dl.Conv2D(2.5, 3)
    with pytest.raises(ValueError, match="Conv2D: f .* must be a whole number >= 1, got 0"):
        dl.Conv2D(4, 0)
    with pytest.raises(ValueError, match="Conv2D: stride must be a whole number >= 1, got 1.5"):
        dl.Conv2D(4, 3, stride=1.5)
    with pytest.raises(ValueError, match="Conv2D: pad must be an int >= 0, 'same' or 'valid', got 'full'"):
        dl.Conv2D(4, 3, pad="full")
    with pytest.raises(ValueError, match="Conv2D: softmax over a conv volume is not supported"):
        dl.Conv2D(4, 3, activation="softmax")
    with pytest.raises(ValueError, match="Conv2D: unknown initializer 'lecun'"):
        dl.Conv2D(4, 3, initializer="lecun")
    # a filter / stride / pad combination with no output
    with pytest.raises(ValueError, match=r"Conv2D: a 5x5 filter with stride 1 and pad 'valid' does not fit into "
                                         r"a 3x3 input .* no output"):
        dl.Conv2D(4, 5, pad="valid").build((3, 3, 2), 1, rng)
    with pytest.raises(ValueError, match=r"MaxPool2D: a 4x4 window with stride 4 and pad 0 does not fit"):
        dl.MaxPool2D(4).count((3, 8, 2))
    # wrong layout: a dense per-example shape given to a conv layer
    with pytest.raises(ValueError, match=r"Conv2D: expected a per-example image shape \(n_H, n_W, n_C\), got "
                                         r"\(12288,\); conv layers come before dl.Flatten\(\)"):
        dl.Conv2D(4, 3).build((12288,), 1, rng)
    with pytest.raises(ValueError, match=r"Dense: expected per-example input \(n,\) or a sequence \(n, T\), got "
                                         r"\(8, 8, 3\); conv volumes .* need dl.Flatten\(\)"):
        dl.Dense(4).build((8, 8, 3), 1, rng)
    conv = dl.Conv2D(4, 3)
    params, _ = conv.build((8, 8, 3), 1, rng)
    # (m, n_C, n_H, n_W) given to a layer built for 3 channels
    with pytest.raises(ValueError, match=r"Conv2D: A has shape \(2, 3, 8, 8\).*did you pass \(m, n_C, n_H, n_W\)\? "
                                         r"try A.transpose\(0, 2, 3, 1\)"):
        conv.forward(np.zeros((2, 3, 8, 8)), params, None, True)
    # filters whose n_C_prev does not match the input's channels
    with pytest.raises(ValueError, match=r"Conv2D: A has 5 channels .* but the filters expect n_C_prev = 3"):
        conv.forward(np.zeros((2, 8, 8, 5)), params, None, True)
    with pytest.raises(ValueError, match=r"Conv2D: A has shape \(64, 2\), a dense \(n_x, m\) array, but conv "
                                         r"layers take \(m, n_H, n_W, n_C\)"):
        conv.forward(np.zeros((64, 2)), params, None, True)
    with pytest.raises(ValueError, match="ZeroPadding2D: pad must be a whole number >= 0, got -1"):
        dl.ZeroPadding2D(-1)
    with pytest.raises(ValueError, match=r"Flatten: expected a per-example image shape"):
        dl.Flatten().build((10,), 1, rng)
    with pytest.raises(ValueError, match=r"flatten_backward: dout has shape \(3, 2\), expected \(24, 2\)"):
        dl.flatten_backward(np.zeros((3, 2)), (2, 2, 3, 4))
    with pytest.raises(ValueError, match=r"Conv2D: building the layer needs rng"):
        dl.Conv2D(4, 3).build((8, 8, 3), 1, None)
