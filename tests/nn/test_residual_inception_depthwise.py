"""Residual blocks, the inception block and depthwise convolution: gradient checks, the identity
property, counts, and the fix-it messages."""
import numpy as np
import pytest

import dlutils as dl
from layer_helpers import fake_model, layer_errors


def _conv(n, f=3, **kw):
    return dl.Conv2D(n, f, use_bias=False, **kw)      # no bias before BN: its gradient is 0


@pytest.mark.parametrize("make, in_shape, out_shape", [
    (lambda: dl.Residual([_conv(3), dl.BatchNorm(), dl.Activation("relu"), _conv(3), dl.BatchNorm()]),
     (4, 4, 3), (4, 4, 3)),
    (lambda: dl.Residual([dl.Conv2D(3, 3, activation="tanh"), dl.Conv2D(3, 3)], activation=None),
     (3, 5, 3), (3, 5, 3)),
    (lambda: dl.Residual([dl.Conv2D(4, 3, stride=2)], shortcut=[dl.Conv2D(4, 1, stride=2)]), (5, 5, 2), (3, 3, 4)),
    (lambda: dl.IdentityBlock((2, 2, 3), f=3), (3, 3, 3), (3, 3, 3)),
    (lambda: dl.ConvolutionalBlock((2, 3, 4), f=3, stride=2), (5, 4, 3), (3, 2, 4)),
    (lambda: dl.Inception([[dl.Conv2D(2, 1)], [dl.Conv2D(2, 1), dl.Conv2D(3, 3, activation="relu")],
                           [dl.MaxPool2D(3, 1, pad="same"), dl.Conv2D(1, 1)]]), (4, 4, 3), (4, 4, 6)),
    (lambda: dl.Residual([dl.Dense(3, activation="tanh"), dl.Dense(3)]), (3,), (3,)),
])
def test_block_gradient_check(make, in_shape, out_shape):
    rng = np.random.default_rng(0)
    block = make()
    errors, shape, _ = layer_errors(block, in_shape, rng, m=4)
    assert shape == out_shape
    assert block.count(in_shape)[:2] == (sum(np.size(v) for v in block.build(in_shape, 1, rng)[0].values()),
                                         out_shape)
    assert max(errors.values()) < 1e-6, errors


def test_identity_block_with_zero_weights_returns_its_input():
    rng = np.random.default_rng(1)
    block = dl.IdentityBlock((2, 2, 4))
    params, _ = block.build((5, 5, 4), 3, rng)
    params = {k: (np.zeros_like(v) if k.endswith("_W") else v) for k, v in params.items()}
    X = np.maximum(rng.standard_normal((3, 5, 5, 4)), 0)      # inputs come from a ReLU
    out, _ = block.forward(X, params, fake_model(block), True)
    np.testing.assert_allclose(out, X)
    main_out, _ = dl.Block.chain_forward(block.chains[0], X, params, fake_model(block), True)
    assert np.abs(main_out).max() == 0                        # the main path gives zeros: the skip carries X


def test_gradient_reaches_the_input_through_the_shortcut():
    rng = np.random.default_rng(2)
    block = dl.Residual([dl.Conv2D(3, 3)], activation=None)
    params, _ = block.build((4, 4, 3), 1, rng)
    params = {k: np.zeros_like(v) for k, v in params.items()}
    X = rng.standard_normal((2, 4, 4, 3))
    out, cache = block.forward(X, params, fake_model(block), True)
    dout = rng.standard_normal(out.shape)
    dX, _ = block.backward(dout, cache, params)
    np.testing.assert_allclose(dX, dout)                      # the identity passes dout unchanged


def test_keys_are_prefixed_and_unique():
    rng = np.random.default_rng(3)
    model = dl.Sequential([dl.Conv2D(4, 3), dl.ConvolutionalBlock((2, 2, 4), stride=1), dl.IdentityBlock((2, 2, 4)),
                           dl.Inception.module(1, 1, 1, 1, 1, 1), dl.Flatten(), dl.Dense(2)],
                          input_shape=(4, 4, 3), rng=rng)
    keys = list(model.params)
    assert "conv1_W" in keys and "res1_conv1_W" in keys and "res1_short_conv1_W" in keys
    assert "res2_bn3_gamma" in keys and "inc1_b4_conv1_W" in keys
    assert {"res1_bn1", "res1_short_bn1", "res2_bn3"} <= set(model.bn_state)
    assert "res1_conv1_W" in model.layers[1].weight_keys and "res1_bn1_gamma" not in model.layers[1].weight_keys
    assert model.shapes[3] == (4, 4, 4)


def test_inception_module_counts_the_lecture_bottleneck():
    # lecture: 28x28x192 -> 5x5 conv to 32 channels through a 16-channel 1x1 bottleneck: 12.4 M multiplies
    block = dl.Inception([[dl.Conv2D(16, 1), dl.Conv2D(32, 5)], [dl.Conv2D(64, 1)]])
    n, shape, madds = block.count((28, 28, 192))
    assert shape == (28, 28, 96)
    assert madds == 28 * 28 * (16 * 192 + 32 * 25 * 16) + 28 * 28 * 64 * 192
    inc = dl.Inception.module(64, 96, 128, 16, 32, 32)      # GoogLeNet's inception (3a)
    n, shape, _ = inc.count((28, 28, 192))
    assert shape == (28, 28, 256) and n == 163_696            # 163,136 weights + 560 biases


def test_depthwise_matches_loop_and_cost_ratio():
    rng = np.random.default_rng(4)
    for s, pad in ((1, "same"), (2, 1), (2, "valid"), (1, 0)):
        A = rng.standard_normal((2, 5, 6, 3))
        W = rng.standard_normal((3, 3, 3))
        b = rng.standard_normal((1, 1, 1, 3))
        Z, _ = dl.depthwise_conv_forward(A, W, b, {"stride": s, "pad": pad})
        np.testing.assert_allclose(Z, dl.depthwise_conv_forward_loop(A, W, b, {"stride": s, "pad": pad}))
    errors = dl.check_layer(
        lambda A, W, b: dl.depthwise_conv_forward(A, W, b, {"stride": 2, "pad": 1}),
        lambda d, c: dl.depthwise_conv_backward(d, c),
        [rng.standard_normal((2, 5, 5, 2)), rng.standard_normal((3, 3, 2)), rng.standard_normal((1, 1, 1, 2))], rng)
    assert max(errors) < 1e-6, errors
    # depthwise separable vs normal convolution: cost ratio 1/n_C' + 1/f^2
    n_C, f, n_out = 16, 3, 32
    _, shp, dw = dl.DepthwiseConv2D(f, use_bias=False).count((14, 14, n_C))
    _, _, pw = dl.Conv2D(n_out, 1).count(shp)
    _, _, normal = dl.Conv2D(n_out, f).count((14, 14, n_C))
    assert (dw + pw) / normal == pytest.approx(1 / n_out + 1 / f ** 2)


def test_bad_input_messages():
    rng = np.random.default_rng(5)
    with pytest.raises(ValueError, match=r"Residual: the main path gives \(2, 2, 4\) but the shortcut gives "
                                         r"\(4, 4, 3\); .* give a projection shortcut"):
        dl.Residual([dl.Conv2D(4, 3, stride=2)]).build((4, 4, 3), 1, rng)
    with pytest.raises(ValueError, match=r"IdentityBlock.*main path gives \(4, 4, 8\) but the shortcut gives \(4, 4, 3\)"):
        dl.IdentityBlock((2, 2, 8)).count((4, 4, 3))
    with pytest.raises(ValueError, match=r"IdentityBlock: filters must be three ints \(F1, F2, F3\)"):
        dl.IdentityBlock((2, 8))
    with pytest.raises(ValueError, match="Residual: main must be a non-empty list of layers"):
        dl.Residual([])
    with pytest.raises(ValueError, match="Inception: branches must be a list of at least two"):
        dl.Inception([[dl.Conv2D(2, 1)]])
    with pytest.raises(ValueError, match=r"Inception: the branches give \[\(4, 4, 2\), \(2, 2, 2\)\]; they must keep "
                                         r"the same height and width"):
        dl.Inception([[dl.Conv2D(2, 1)], [dl.Conv2D(2, 3, stride=2)]]).count((4, 4, 3))
    with pytest.raises(ValueError, match=r"depthwise_conv_forward: W has shape \(3, 3, 2, 4\) but depthwise filters "
                                         r"are \(f, f, n_C\)"):
        dl.depthwise_conv_forward(np.zeros((1, 4, 4, 2)), np.zeros((3, 3, 2, 4)), np.zeros((1, 1, 1, 4)),
                                  {"stride": 1, "pad": 1})
    with pytest.raises(ValueError, match=r"depthwise_conv_forward: A_prev has 3 channels .* n_C_prev = 2"):
        dl.depthwise_conv_forward(np.zeros((1, 4, 4, 3)), np.zeros((3, 3, 2)), np.zeros((1, 1, 1, 2)),
                                  {"stride": 1, "pad": 1})
    with pytest.raises(ValueError, match=r"depthwise_conv_forward: a 5x5 filter with stride 1 and pad 0 does not fit"):
        dl.depthwise_conv_forward(np.zeros((1, 4, 4, 2)), np.zeros((5, 5, 2)), np.zeros((1, 1, 1, 2)),
                                  {"stride": 1, "pad": 0})


def test_mobilenet_building_blocks():
    rng = np.random.default_rng(6)
    sep = dl.count_network(dl.separable_layers(32, 3), (14, 14, 16))
    normal = dl.Conv2D(32, 3, use_bias=False).count((14, 14, 16))[2]
    assert sep.output_shape == (14, 14, 32)
    assert sep.total_multiply_adds / normal == pytest.approx(1 / 32 + 1 / 9)
    block = dl.inverted_residual(4, 4, expansion=2)
    assert isinstance(block, dl.Residual) and block.activation is None     # linear bottleneck, identity skip
    errors, shape, _ = layer_errors(block, (4, 4, 4), rng, m=3)
    assert shape == (4, 4, 4) and max(errors.values()) < 1e-6, errors
    down = dl.inverted_residual(4, 6, expansion=2, stride=2)
    assert isinstance(down, list) and dl.count_network(down, (6, 6, 4)).output_shape == (3, 3, 6)
    with pytest.raises(ValueError, match="inverted_residual: expansion must be a whole number >= 1, got 0"):
        dl.inverted_residual(4, 4, expansion=0)
