"""Plots: cost curves, train/dev curves, decision boundaries, image grids.

matplotlib is imported inside each function, so ``import dlutils`` stays light.
Every function draws into ``ax`` when given (widgets redraw into their own axes) and
returns the axes; figures have fixed sizes. Layout: ``X`` ``(2, m)``, ``Y`` ``(1, m)``.
Taught in: every notebook.
"""
import numpy as np

__all__ = ["plot_costs", "plot_history", "plot_decision_boundary", "show_images", "decision_grid",
           "CLASS_COLORS"]

CLASS_COLORS = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b")


def _axes(ax, figsize=(6, 4)):
    import matplotlib.pyplot as plt
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_costs(costs, ax=None, steps=None, label=None, title="Training cost", xlabel="iteration"):
    """Cost against step. ``costs`` is a list or a ``History`` (uses its steps)."""
    ax = _axes(ax)
    if hasattr(costs, "costs"):
        steps, costs = costs.steps, costs.costs
    costs = np.asarray(costs, dtype=float)
    if costs.size and not np.all(np.isfinite(costs)):
        raise ValueError("plot_costs: the costs contain NaN or inf - training diverged; "
                         "lower the learning rate instead of plotting it.")
    x = np.arange(len(costs)) if steps is None else np.asarray(steps)
    ax.plot(x, costs, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("cost J")
    ax.set_title(title)
    if label:
        ax.legend()
    return ax


def plot_history(history, axes=None, figsize=(10, 3.5)):
    """Two panels: train/dev cost and train/dev accuracy from a ``History``."""
    import matplotlib.pyplot as plt
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=figsize)
    ax_c, ax_a = axes
    ax_c.plot(history.steps, history.costs, label="train")
    if history.dev_costs:
        ax_c.plot(history.steps, history.dev_costs, label="dev")
    ax_c.set_xlabel("step")
    ax_c.set_ylabel("cost")
    ax_c.legend()
    ax_a.plot(history.steps, history.train_acc, label="train")
    if history.dev_acc:
        ax_a.plot(history.steps, history.dev_acc, label="dev")
    ax_a.set_xlabel("step")
    ax_a.set_ylabel("accuracy %")
    ax_a.legend()
    return axes


def decision_grid(X, resolution=200, margin=0.5):
    """A ``(2, resolution**2)`` grid covering ``X`` plus a margin, and its two mesh arrays."""
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    return np.vstack([xx.ravel(), yy.ravel()]), xx, yy


def plot_decision_boundary(predict, X, Y, ax=None, resolution=200, title=None, probabilities=False):
    """Colour the plane by ``predict(grid)`` and scatter the points of ``X`` coloured by ``Y``.

    ``predict`` maps ``(2, n)`` to labels ``(1, n)``, or to probabilities when ``probabilities``.
    """
    from matplotlib.colors import ListedColormap
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"plot_decision_boundary: X must be (2, m) points, got shape {X.shape}.")
    ax = _axes(ax, (5, 4.5))
    grid, xx, yy = decision_grid(X, resolution)
    Z = np.asarray(predict(grid), dtype=float)
    if not np.all(np.isfinite(Z)):
        raise ValueError("plot_decision_boundary: the model predicts NaN - training diverged; "
                         "lower the learning rate.")
    y = np.asarray(Y).ravel().astype(int)
    n_classes = max(2, int(y.max()) + 1 if y.size else 2)
    cmap = ListedColormap(CLASS_COLORS[:n_classes])
    if probabilities:
        ax.contourf(xx, yy, Z.reshape(xx.shape), levels=np.linspace(0, 1, 11), cmap="RdBu", alpha=0.35)
        ax.contour(xx, yy, Z.reshape(xx.shape), levels=[0.5], colors="k", linewidths=1)
    else:
        ax.contourf(xx, yy, Z.reshape(xx.shape), levels=np.arange(n_classes + 1) - 0.5, cmap=cmap, alpha=0.25)
    ax.scatter(X[0], X[1], c=y, cmap=cmap, vmin=-0.5, vmax=n_classes - 0.5, s=12, edgecolors="k",
               linewidths=0.3)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    return ax


def show_images(images, labels=None, predictions=None, classes=None, ncols=8, size=1.4, title=None):
    """A grid of ``(n, h, w, 3)`` images with 'label' or 'pred / label' captions (red when wrong)."""
    import matplotlib.pyplot as plt
    images = np.asarray(images)
    if images.ndim != 4:
        raise ValueError(f"show_images: expected (n, height, width, channels), got shape {images.shape}; "
                         f"use dl.unflatten_images for (12288, m) columns.")
    n = images.shape[0]
    if n == 0:
        raise ValueError("show_images: no images to show.")
    ncols = min(ncols, n)
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows + 0.3 * (title is not None)),
                             squeeze=False)
    name = (lambda c: classes[int(c)] if classes else str(int(c)))
    for i, ax in enumerate(axes.ravel()):
        ax.axis("off")
        if i >= n:
            continue
        ax.imshow(images[i])
        if labels is not None:
            lab = np.ravel(labels)[i]
            if predictions is not None:
                pred = np.ravel(predictions)[i]
                ax.set_title(f"{name(pred)} / {name(lab)}", fontsize=8,
                             color="black" if pred == lab else "red")
            else:
                ax.set_title(name(lab), fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
