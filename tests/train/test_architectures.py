"""The plain-vs-residual builder and experiment, and the bars task they train on."""
import numpy as np
import pytest

import dlutils as dl


def test_plain_and_residual_nets_have_the_same_parameters():
    for depth in (0, 2, 6):
        plain = dl.count_network(dl.deep_conv_net(depth, False), (8, 8, 1))
        res = dl.count_network(dl.deep_conv_net(depth, True), (8, 8, 1))
        assert plain.total_params == res.total_params
    layers = dl.deep_conv_net(4, True)
    assert sum(isinstance(l, dl.Residual) for l in layers) == 2
    assert sum(isinstance(l, dl.Conv2D) for l in dl.deep_conv_net(4, False)) == 5


def test_depth_experiment_reports_costs_and_gradient_norms():
    rng = np.random.default_rng(0)
    X, Y = dl.make_bars(rng, 64)
    out = dl.depth_experiment(2, True, X, Y, np.random.default_rng(1), num_epochs=3)
    assert len(out["costs"]) == 3 and out["costs"][-1] < out["costs"][0]
    assert len(out["grad_norms"]) == 3 and out["grad_ratio"] == pytest.approx(out["grad_norms"][0] / out["grad_norms"][-1])
    assert 0 <= out["train_acc"] <= 100


def test_without_batchnorm_the_plain_gradient_vanishes_with_depth():
    rng = np.random.default_rng(2)
    X, Y = dl.make_bars(rng, 64)
    first = {}
    for depth in (2, 16):
        for residual in (False, True):
            model = dl.Sequential(dl.deep_conv_net(depth, residual, batchnorm=False), input_shape=(8, 8, 1),
                                  rng=np.random.default_rng(3))
            first[depth, residual] = dl.conv_gradient_norms(model, X, Y)[0]
    assert first[16, False] < first[2, False] / 2          # plain: less reaches the first layer
    assert first[16, True] > first[2, True]                 # residual: the shortcut carries it


def test_bars_task():
    X, Y = dl.make_bars(np.random.default_rng(4), 200, size=8)
    assert X.shape == (200, 8, 8, 1) and Y.shape == (1, 200) and set(np.unique(Y)) == {0, 1, 2, 3}
    horizontal = X[Y[0] == 0, ..., 0]
    assert np.all((horizontal > 0.5).sum(axis=2).max(axis=1) >= 2)   # bright pixels share a row
    with pytest.raises(ValueError, match=r"make_bars: m must be an int >= 1, got 0"):
        dl.make_bars(np.random.default_rng(0), 0)
    with pytest.raises(ValueError, match=r"make_bars: rng must be a numpy Generator"):
        dl.make_bars(None, 5)
    with pytest.raises(ValueError, match=r"deep_conv_net: depth must be a whole number >= 0"):
        dl.deep_conv_net(-2, True)
