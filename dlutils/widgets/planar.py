"""Planar-data panel: a one-hidden-layer net (tanh hidden, sigmoid out) on a 2-D point set.

Controls: dataset (flower, moons, circles, blobs, gaussian_quantiles), hidden-layer size
``n_h``, ``learning_rate`` and ``num_iterations``. Each change retrains from the same data and
the same kind of small random start and redraws the decision boundary and the cost curve; the
status line gives train and dev accuracy. ``planar_result`` is the plain library function the
panel calls (unit-tested on its own).

Layout: ``X`` ``(2, m)``, ``Y`` ``(1, m)``. Taught in: c1/03_planar_data_one_hidden_layer.
"""
import numpy as np

from .base import Panel, log_slider, int_slider
from ..train.models import DeepNet
from ..data.synthetic import GENERATORS
from ..train.training import train
from ..data.datasets import train_dev_split
from ..validation import check_positive

__all__ = ["planar_result", "planar_panel", "PLANAR_DATASETS"]

PLANAR_DATASETS = tuple(GENERATORS)


def planar_result(dataset="flower", n_h=4, learning_rate=1.2, num_iterations=2000, seed=0, m=400,
                  dev_fraction=0.25, init_scale=0.01, on_progress=None):
    """Make ``dataset`` from ``seed``, hold out ``dev_fraction`` of it, train ``[2, n_h, 1]``.

    Returns a dict: ``model``, ``history``, ``X_train``/``Y_train``/``X_dev``/``Y_dev``,
    ``train_acc``, ``dev_acc``, ``cost`` and a one-line ``summary`` (or ``error`` when the
    training diverged). Same arguments, same numbers. ``on_progress(fraction)``, when given, runs
    at each of the ~40 records (the panel shows it in its badge while it trains).
    """
    func = "planar_result"
    if dataset not in GENERATORS:
        raise ValueError(f"{func}: unknown dataset {dataset!r}; choose one of {list(GENERATORS)}.")
    if int(n_h) != n_h or n_h < 1:
        raise ValueError(f"{func}: n_h (hidden units) must be a positive int, got {n_h!r}.")
    check_positive(func, "learning_rate", learning_rate)
    if int(num_iterations) != num_iterations or num_iterations < 1:
        raise ValueError(f"{func}: num_iterations must be a positive int, got {num_iterations!r}.")
    rng = np.random.default_rng(seed)
    X, Y = GENERATORS[dataset](rng, m=m)
    X_train, Y_train, X_dev, Y_dev = train_dev_split(X, Y, dev_fraction, rng=rng)
    model = DeepNet([2, int(n_h), 1], hidden_activation="tanh", initializer="random", scale=init_scale,
                    rng=rng)
    h = train(model, X_train, Y_train, learning_rate=learning_rate, num_iterations=int(num_iterations),
              X_dev=X_dev, Y_dev=Y_dev, record_every=max(1, int(num_iterations) // 40),
              on_divergence="stop",
              callback=None if on_progress is None else
              (lambda hist, _m: on_progress(hist.steps[-1] / int(num_iterations)) and None))
    result = {"model": model, "history": h, "X_train": X_train, "Y_train": Y_train, "X_dev": X_dev,
              "Y_dev": Y_dev, "dataset": dataset, "n_h": int(n_h), "learning_rate": learning_rate,
              "num_iterations": int(num_iterations), "diverged": h.diverged}
    if h.diverged:
        result["error"] = h.message
        return result
    result.update(cost=h.costs[-1], train_acc=h.train_acc[-1], dev_acc=h.dev_acc[-1])
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    result["summary"] = (f"train {result['train_acc']:.1f}%, dev {result['dev_acc']:.1f}%, cost {result['cost']:.3f}\n"
                         f"{dataset}, n_h={int(n_h)}, learning_rate={learning_rate:.2g}, "
                         f"{int(num_iterations)} iterations")
    return result


def planar_panel(rng, *, dataset="flower", n_h=4, learning_rate=1.2, num_iterations=2000,
                 max_hidden=50, max_iterations=5000, init_scale=0.5):
    """Build the panel. ``rng`` draws the seed the panel keeps, so every retrain sees the same data.

    The panel starts from ``randn * init_scale`` (0.5 rather than the lecture's 0.01): a larger
    start leaves the flat region around zero sooner, so a few thousand iterations suffice.
    """
    import ipywidgets as widgets
    from ..validation import check_rng
    check_rng("planar_panel", rng)
    seed = int(rng.integers(2 ** 31))
    controls = {
        "dataset": widgets.Dropdown(options=list(GENERATORS), value=dataset, description="dataset",
                                    style={"description_width": "110px"},
                                    layout=widgets.Layout(width="340px")),
        "n_h": int_slider("hidden units n_h", n_h, 1, max_hidden),
        "learning_rate": log_slider("learning_rate", learning_rate, 1e-2, 10.0, readout_format=".2g"),
        "num_iterations": int_slider("iterations", num_iterations, 100, max_iterations, 100),
    }
    for c in controls.values():   # room for the longest label ("beta2 (RMSprop, Adam)"): no text cut off
        c.style.description_width, c.layout.width = "165px", "400px"

    def compute(dataset, n_h, learning_rate, num_iterations):
        return planar_result(dataset, n_h, learning_rate, num_iterations, seed=seed, init_scale=init_scale,
                             on_progress=lambda f: _show_progress(holder, f))

    def draw(result):
        import matplotlib.pyplot as plt
        fig, (ax_b, ax_c) = plt.subplots(1, 2, figsize=(9, 3.8))
        X = np.hstack([result["X_train"], result["X_dev"]])
        Y = np.hstack([result["Y_train"], result["Y_dev"]])
        _boundary_train_dev(ax_b, result["model"].predict, result["X_train"], result["Y_train"],
                            result["X_dev"], result["Y_dev"], X)
        ax_b.set_title(f"{result['dataset']}, n_h = {result['n_h']}")
        h = result["history"]
        # the cost in black: red and blue mean the classes in the plot beside it
        ax_c.plot(h.steps, h.costs, color="k")
        ax_c.set_xlabel("iteration")
        ax_c.set_ylabel("cost J")
        ax_c.set_title(f"train {result['train_acc']:.1f}%, dev {result['dev_acc']:.1f}%")
        fig.tight_layout()

    holder = []
    panel = Panel(controls, compute, draw, title="One hidden layer on planar data")
    holder.append(panel)
    return panel


def _show_progress(holder, fraction):
    """Progress in the panel's fixed-width badge while it trains (the layout does not move)."""
    if holder:
        holder[0].set_badge(f"training {100 * fraction:.0f} %")


def _boundary_train_dev(ax, predict, X_train, Y_train, X_dev, Y_dev, X_all, resolution=120):
    """The decision regions over ``X_all``, train points as circles and dev points as triangles
    (coloured by class), with a legend that says which colour is which class and which marker is
    which set."""
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D
    from ..plotting import CLASS_COLORS, decision_grid
    grid, xx, yy = decision_grid(X_all, resolution)
    Z = np.asarray(predict(grid), dtype=float).reshape(xx.shape)
    cmap = ListedColormap(CLASS_COLORS[:2])
    ax.contourf(xx, yy, Z, levels=[-0.5, 0.5, 1.5], cmap=cmap, alpha=0.25)
    for X, Y, marker in ((X_train, Y_train, "o"), (X_dev, Y_dev, "^")):
        ax.scatter(X[0], X[1], c=np.ravel(Y).astype(int), cmap=cmap, vmin=-0.5, vmax=1.5, s=14, marker=marker,
                   edgecolors="k", linewidths=0.3)
    handles = [Line2D([], [], ls="", marker="s", ms=7, color=CLASS_COLORS[k], label=f"class {k}") for k in (0, 1)]
    handles += [Line2D([], [], ls="", marker="o", ms=5, mfc="w", mec="k", label="train"),
                Line2D([], [], ls="", marker="^", ms=5, mfc="w", mec="k", label="dev")]
    # outside, left of the plot: the boundary and the points stay visible
    ax.legend(handles=handles, loc="center right", bbox_to_anchor=(-0.02, 0.5), fontsize=9, frameon=False,
              handletextpad=0.3, borderaxespad=0.2)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    ax.set_xticks([])
    ax.set_yticks([])
