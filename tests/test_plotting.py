"""Plotting helpers run headless (Agg), return their axes/figures and refuse garbage."""
import matplotlib
import numpy as np
import pytest

import dlutils as dl


def test_backend_is_headless():
    assert matplotlib.get_backend().lower() == "agg"


def test_plot_costs_list_and_history(rng):
    import matplotlib.pyplot as plt
    ax = dl.plot_costs([0.7, 0.5, 0.3], label="lr=0.1")
    assert isinstance(ax, plt.Axes)
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), [0.7, 0.5, 0.3])
    assert ax.get_ylabel() == "cost J" and ax.get_legend() is not None
    X, Y = dl.make_moons(rng, m=40)
    h = dl.train(dl.DeepNet([2, 4, 1], rng=rng), X, Y, learning_rate=0.1, num_iterations=30, record_every=10)
    fig, own = plt.subplots()
    out = dl.plot_costs(h, ax=own)
    assert out is own
    np.testing.assert_array_equal(own.lines[0].get_xdata(), [0, 10, 20, 30])   # iteration 0 is recorded too
    np.testing.assert_array_equal(own.lines[0].get_ydata(), h.costs)


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_plot_costs_refuses_nan(bad):
    with pytest.raises(ValueError, match=r"plot_costs: the costs contain NaN or inf - training diverged; "
                                         r"lower the learning rate"):
        dl.plot_costs([0.7, bad, 0.3])


def test_plot_history_with_dev(rng):
    X, Y = dl.make_moons(rng, m=40)
    h = dl.train(dl.DeepNet([2, 4, 1], rng=rng), X, Y, learning_rate=0.1, num_iterations=20, record_every=5,
                 X_dev=X[:, :10], Y_dev=Y[:, :10])
    ax_c, ax_a = dl.plot_history(h)
    assert len(ax_c.lines) == 2 and len(ax_a.lines) == 2
    assert ax_a.get_ylabel() == "accuracy %"


def test_plot_decision_boundary(rng):
    X, Y = dl.make_moons(rng, m=60)
    net = dl.DeepNet([2, 6, 1], rng=rng)
    ax = dl.plot_decision_boundary(net.predict, X, Y, resolution=50, title="moons")
    assert ax.get_title() == "moons"
    assert len(ax.collections) >= 2            # filled contour + scatter
    ax = dl.plot_decision_boundary(net.loss, X, Y, resolution=30, probabilities=True)
    grid, xx, yy = dl.decision_grid(X, resolution=30)
    assert grid.shape == (2, 900) and xx.shape == (30, 30)
    assert xx.min() < X[0].min() and yy.max() > X[1].max()


def test_plot_decision_boundary_bad_input(rng):
    X, Y = dl.make_moons(rng, m=20)
    with pytest.raises(ValueError, match=r"plot_decision_boundary: X must be \(2, m\) points, got shape \(20, 2\)"):
        dl.plot_decision_boundary(lambda g: np.zeros((1, g.shape[1])), X.T, Y)
    with pytest.raises(ValueError, match=r"plot_decision_boundary: the model predicts NaN - training diverged"):
        dl.plot_decision_boundary(lambda g: np.full((1, g.shape[1]), np.nan), X, Y, resolution=10)


def test_show_images(rng):
    images = rng.integers(0, 256, (5, 8, 8, 3), dtype=np.uint8)
    fig = dl.show_images(images, labels=[0, 1, 1, 0, 1], predictions=[0, 1, 0, 0, 1],
                         classes=["non-cat", "cat"], ncols=3, title="test")
    axes = fig.axes
    assert len(axes) == 6                      # 2 rows x 3 columns, the last one blank
    assert axes[0].get_title() == "non-cat / non-cat"
    assert axes[2].get_title() == "non-cat / cat"
    assert matplotlib.colors.same_color(axes[2].title.get_color(), "red")
    assert matplotlib.colors.same_color(axes[0].title.get_color(), "black")
    fig2 = dl.show_images(images[:2], labels=[1, 0])
    assert fig2.axes[0].get_title() == "1"


def test_show_images_bad_input(rng):
    with pytest.raises(ValueError, match=r"show_images: expected \(n, height, width, channels\).*dl\.unflatten_images"):
        dl.show_images(np.zeros((12288, 3)))
    with pytest.raises(ValueError, match=r"show_images: no images to show"):
        dl.show_images(np.zeros((0, 8, 8, 3)))
