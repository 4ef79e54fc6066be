"""Tests of dlutils/vision/style.py: costs against the course formulas, gradients (to the pixels),
the optimizer lowering the style cost tenfold."""
import numpy as np
import pytest

import dlutils as dl
from tests.vision.test_verification import numgrad, rel


def test_gram_and_costs_match_the_formulas():
    rng = np.random.default_rng(0)
    a_S, a_G = rng.normal(size=(1, 3, 4, 2)), rng.normal(size=(1, 3, 4, 2))
    A = a_G.reshape(-1, 2).T
    np.testing.assert_allclose(dl.gram_matrix(A), sum(np.outer(A[:, j], A[:, j]) for j in range(12)))
    Jc, _ = dl.content_cost(a_S, a_G)
    assert Jc == pytest.approx(np.sum((a_S - a_G) ** 2) / (4 * 3 * 4 * 2))
    Js, _ = dl.layer_style_cost(a_S, a_G)
    GS, GG = dl.gram_matrix(a_S.reshape(-1, 2).T), dl.gram_matrix(A)
    assert Js == pytest.approx(np.sum((GS - GG) ** 2) / (4 * 2 ** 2 * 12 ** 2))


def test_cost_gradients():
    rng = np.random.default_rng(1)
    a_S, a_G = rng.normal(size=(1, 3, 3, 4)), rng.normal(size=(1, 3, 3, 4))
    up = rng.normal()
    for f in (dl.content_cost, dl.layer_style_cost):
        _, g = f(a_S, a_G)
        num = numgrad(lambda: up * f(a_S, a_G)[0], a_G)
        assert rel(up * g, num) < 1e-7, f.__name__


def test_total_cost_gradient_reaches_the_pixels():
    rng = np.random.default_rng(2)
    net = dl.random_feature_net(rng, channels=(3, 4, 4))
    C, S = rng.uniform(size=(1, 8, 8, 3)), rng.uniform(size=(1, 8, 8, 3))
    a_C = dl.feature_maps(net, C)[0][2]
    acts_S = dl.feature_maps(net, S)[0]
    G = rng.uniform(size=(1, 8, 8, 3))
    J, Jc, Js, dG = dl.style_total_cost(net, G, a_C, acts_S, 2, (0.5, 0.3, 0.2))
    assert J == pytest.approx(10 * Jc + 40 * Js)
    num = numgrad(lambda: dl.style_total_cost(net, G, a_C, acts_S, 2, (0.5, 0.3, 0.2))[0], G)
    assert rel(dG, num) < 1e-6


def test_style_transfer_lowers_style_cost_tenfold():
    s = dl.load_dataset("style_images")
    rng = np.random.default_rng(0)
    net = dl.random_feature_net(rng)
    C = s.test_x[0].reshape(32, 2, 32, 2, 3).mean((1, 3)) / 255
    S = s.train_x[3].reshape(32, 2, 32, 2, 3).mean((1, 3)) / 255
    G, h = dl.style_transfer(net, C, S, rng, num_iterations=150)
    assert G.shape == C.shape and G.min() >= 0 and G.max() <= 1
    assert h["J_style"][-1] < h["J_style"][0] / 10
    assert max(h["J_content"]) < 0.05


def test_bad_inputs():
    with pytest.raises(ValueError, match="content_cost: a_C must be the activations of one image"):
        dl.content_cost(np.ones((3, 3, 2)), np.ones((1, 3, 3, 2)))
    with pytest.raises(ValueError, match="gram_matrix: A must be"):
        dl.gram_matrix(np.ones((1, 3, 3, 2)))
    with pytest.raises(ValueError, match="feature_maps: X must be"):
        dl.feature_maps(dl.random_feature_net(np.random.default_rng(0)), np.ones((8, 8, 3)))
    with pytest.raises(ValueError, match="layer_style_cost: a_S has"):
        dl.layer_style_cost(np.ones((1, 2, 2, 3)), np.ones((1, 2, 2, 4)))
