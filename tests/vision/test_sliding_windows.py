import numpy as np
import pytest

import dlutils as dl


def test_conv_version_equals_naive_and_costs_less():
    rng = np.random.default_rng(0)
    P = dl.window_classifier_params(14, 3, 8, 16, 4, rng=rng)
    X = rng.normal(size=(2, 32, 32, 3))
    a, ma = dl.sliding_windows_naive(X, P)
    b, mb = dl.sliding_windows_conv(X, P)
    assert a.shape == b.shape == (2, 10, 10, 4)
    np.testing.assert_allclose(a, b, atol=1e-12)
    assert (ma, mb) == (7155200, 1323200)
    # one window: both equal the classifier on the crop
    np.testing.assert_allclose(a[:, 3, 4], dl.classify_windows(X[:, 6:20, 8:22], P), atol=1e-12)


def test_bad_input():
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="must be even"):
        dl.window_classifier_params(13, 3, 8, 16, 4, rng=rng)
    P = dl.window_classifier_params(14, 3, 8, 16, 4, rng=rng)
    with pytest.raises(ValueError, match=r"\(m, n_H, n_W, n_C\)"):
        dl.sliding_windows_conv(np.zeros((32, 32, 3)), P)
