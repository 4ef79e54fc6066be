import numpy as np
import pytest

import dlutils as dl
from tests.nn.layer_helpers import layer_errors


def test_small_example_by_hand():
    A = np.array([[2.0, 1.0], [3.0, 2.0]]).reshape(1, 2, 2, 1)
    W = np.array([[1.0, 2, 1], [2, 0, 1], [0, 2, 1]]).reshape(3, 3, 1, 1)
    Z, _ = dl.conv_transpose_forward(A, W, np.zeros((1, 1, 1, 1)), {"stride": 2, "pad": 1})
    assert Z.shape == (1, 3, 3, 1)                 # (2 - 1) 2 + 3 - 2 1
    # the full 5x5 output before cropping the border of 1, by hand (overlaps add)
    full = np.zeros((5, 5))
    for (i, j), a in np.ndenumerate(A[0, :, :, 0]):
        full[2 * i:2 * i + 3, 2 * j:2 * j + 3] += a * W[:, :, 0, 0]
    np.testing.assert_allclose(Z[0, :, :, 0], full[1:4, 1:4])
    assert full[2, 2] == 2 * 1 + 1 * 0 + 3 * 1 + 2 * 1      # four patches overlap at the centre


@pytest.mark.parametrize("s, p, f", [(2, 0, 2), (2, 1, 3), (1, 0, 3), (3, 1, 4)])
def test_vectorized_matches_loop_and_gradients(s, p, f):
    rng = np.random.default_rng(s * 10 + p + f)
    A = rng.normal(size=(2, 3, 4, 3))
    W = rng.normal(size=(f, f, 3, 2))
    b = rng.normal(size=(1, 1, 1, 2))
    hp = {"stride": s, "pad": p}
    Z, cache = dl.conv_transpose_forward(A, W, b, hp)
    assert Z.shape == (2, dl.conv_transpose_output_size(3, f, s, p), dl.conv_transpose_output_size(4, f, s, p), 2)
    np.testing.assert_allclose(Z, dl.conv_transpose_forward_loop(A, W, b, hp), atol=1e-12)
    dZ = rng.normal(size=Z.shape)
    dA, dW, db = dl.conv_transpose_backward(dZ, cache)
    for x, g in ((A, dA), (W, dW), (b, db)):
        num = dl.numerical_gradient(lambda: float(np.sum(dl.conv_transpose_forward(A, W, b, hp)[0] * dZ)), x)
        assert dl.relative_error(g, num) < 1e-7


def test_is_the_gradient_of_a_convolution():
    # <conv(X, W), Y> = <X, conv_transpose(Y, W')> with W' swapping the channel axes
    rng = np.random.default_rng(7)
    X, W = rng.normal(size=(1, 7, 7, 2)), rng.normal(size=(3, 3, 2, 4))
    Z, _ = dl.conv_forward(X, W, np.zeros((1, 1, 1, 4)), {"stride": 2, "pad": 0})
    Y = rng.normal(size=Z.shape)
    T, _ = dl.conv_transpose_forward(Y, W.transpose(0, 1, 3, 2), np.zeros((1, 1, 1, 2)), {"stride": 2, "pad": 0})
    assert np.sum(Z * Y) == pytest.approx(np.sum(X * T))


def test_layers_gradient_check():
    rng = np.random.default_rng(3)
    errs = layer_errors(dl.Conv2DTranspose(3, 2, 2), (3, 3, 2), rng)[0]
    assert max(errs.values()) < 1e-6, errs
    errs = layer_errors(dl.Conv2DTranspose(2, 3, 2, 1, activation="relu"), (3, 3, 2), rng)[0]
    assert max(errs.values()) < 1e-6, errs
    errs = layer_errors(dl.UpSampling2D(2), (3, 2, 2), rng)[0]
    assert max(errs.values()) < 1e-6, errs
    net = dl.LayerStack([dl.Conv2DTranspose(4, 2, 2), dl.UpSampling2D(2)], (3, 3, 2), rng)
    assert net.output_shape == (12, 12, 4)


def test_bad_input():
    A, b = np.zeros((1, 2, 2, 3)), np.zeros((1, 1, 1, 2))
    with pytest.raises(ValueError, match=r"\(f, f, n_C_prev, n_C\)"):
        dl.conv_transpose_forward(A, np.zeros((2, 2, 2, 2)), b, {"stride": 2})
    with pytest.raises(ValueError, match=r"\(m, n_H, n_W, n_C\)"):
        dl.conv_transpose_forward(np.zeros((2, 2, 3)), np.zeros((2, 2, 3, 2)), b, {"stride": 2})
    with pytest.raises(ValueError, match="b has shape"):
        dl.conv_transpose_forward(A, np.zeros((2, 2, 3, 2)), np.zeros(2), {"stride": 2})
    with pytest.raises(ValueError, match="activation"):
        dl.Conv2DTranspose(2, activation="tanh")
