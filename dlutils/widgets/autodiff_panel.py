"""Autodiff panel: a one-hidden-layer tanh net on a 2-D set, trained with ``dl.Tensor`` (reverse-mode
automatic differentiation), redrawn on every slider change (hidden units, learning rate, steps).

    panel = dl.widgets.autodiff_panel(X, Y, X_dev, Y_dev, hidden_units=8, learning_rate=0.5,
                                      num_iterations=300, seed=0)
    panel.controls["hidden_units"].value = 1      # retrains and redraws
    panel.result["test_acc"], panel.result["diverged"]

Every run starts from the same initial parameters (drawn from ``seed``). Divergence (``dl.train``'s
rule: a NaN/inf cost or one above 5x the first + 1) stops training and is shown, not plotted.
Layout: ``X`` is ``(2, m)``, ``Y`` is ``(1, m)``. Taught in: c2/08_automatic_differentiation.
"""
import numpy as np

from .base import Panel, log_slider, int_slider
from ..nn.autodiff import Tensor, sigmoid_cross_entropy
from ..metrics import accuracy
from ..train import training as _training

__all__ = ["autodiff_result", "autodiff_panel"]


def _predict(params, X):
    return (params["W2"] @ np.tanh(params["W1"] @ X + params["b1"]) + params["b2"] > 0).astype(int)


def autodiff_result(X, Y, X_dev, Y_dev, *, hidden_units, learning_rate, num_iterations, seed=0):
    """Train with ``dl.Tensor`` and gradient descent; return the panel's result dict."""
    if X.ndim != 2 or X.shape[0] != 2:
        raise ValueError(f"autodiff_result: X must be (2, m) points, one per column; got shape {X.shape}"
                         + (" - did you mean X.T?" if X.ndim == 2 and X.shape[1] == 2 else ""))
    rng = np.random.default_rng(seed)
    n_h = int(hidden_units)
    params = {"W1": rng.standard_normal((n_h, 2)) * np.sqrt(1 / 2), "b1": np.zeros((n_h, 1)),
              "W2": rng.standard_normal((1, n_h)) * np.sqrt(1 / n_h), "b2": np.zeros((1, 1))}
    costs, first, message = [], None, ""
    Xt = Tensor(X, requires_grad=False)
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(int(num_iterations)):
            T = {k: Tensor(v) for k, v in params.items()}
            J = sigmoid_cross_entropy(T["W2"] @ (T["W1"] @ Xt + T["b1"]).tanh() + T["b2"], Y)
            cost = float(J.value)
            first = cost if first is None else first
            what = _training._divergence(cost, first)
            if what:
                message = (f"training diverged at step {step}: {what} with learning_rate={learning_rate:g} - "
                           f"learning rate too large? Try a value 3-10x smaller.")
                break
            J.backward()
            for k in params:
                params[k] = params[k] - learning_rate * T[k].grad
            costs.append(cost)
    result = {"params": params, "costs": costs, "diverged": bool(message), "hidden_units": n_h,
              "learning_rate": learning_rate}
    if message:
        result["error"] = message
        return result
    result["train_acc"] = accuracy(_predict(params, X), Y)
    result["test_acc"] = accuracy(_predict(params, X_dev), Y_dev)
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    result["summary"] = (f"train {result['train_acc']:.1f} %, test {result['test_acc']:.1f} %, cost {costs[-1]:.3f}\n"
                         f"{n_h} tanh units, lr {learning_rate:.2g}, {len(costs)} steps")
    return result


def autodiff_panel(X, Y, X_dev, Y_dev, *, hidden_units=8, learning_rate=0.5, num_iterations=300, seed=0):
    """Build the panel (draws once at the defaults)."""
    controls = {
        "hidden_units": int_slider("hidden units", hidden_units, 1, 32),
        "learning_rate": log_slider("learning_rate", learning_rate, 1e-2, 1e2),
        "num_iterations": int_slider("steps", num_iterations, 50, 1000, 50),
    }

    def compute(hidden_units, learning_rate, num_iterations):
        return autodiff_result(X, Y, X_dev, Y_dev, hidden_units=hidden_units, learning_rate=learning_rate,
                               num_iterations=num_iterations, seed=seed)

    def draw(result):
        import matplotlib.pyplot as plt
        from ..plotting import decision_grid, CLASS_COLORS
        grid, xx, yy = decision_grid(np.hstack([X, X_dev]), resolution=120)
        fig, (ax_b, ax_c) = plt.subplots(1, 2, figsize=(9.6, 3.8))
        ax_b.contourf(xx, yy, _predict(result["params"], grid).reshape(xx.shape), levels=[-0.5, 0.5, 1.5],
                      colors=[CLASS_COLORS[0], CLASS_COLORS[1]], alpha=0.25)
        for c in (0, 1):
            sel = Y[0] == c
            ax_b.scatter(X[0, sel], X[1, sel], s=12, c=CLASS_COLORS[c], label=f"train, class {c}")
            sel = Y_dev[0] == c
            ax_b.scatter(X_dev[0, sel], X_dev[1, sel], s=22, marker="x", c=CLASS_COLORS[c], label=f"test, class {c}")
        ax_b.set_xlabel("$x_1$"); ax_b.set_ylabel("$x_2$")
        ax_b.set_title(f"decision boundary, test {result['test_acc']:.1f} %")
        ax_b.legend(loc="upper right", fontsize=8, ncol=2)
        # the cost in black: red and blue mean the classes in the plot beside it
        ax_c.plot(result["costs"], color="k", label=f"lr {result['learning_rate']:.2g}")
        ax_c.set_xlabel("gradient step"); ax_c.set_ylabel("cost J"); ax_c.set_title("training cost")
        ax_c.legend()
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Autodiff on the moons")
