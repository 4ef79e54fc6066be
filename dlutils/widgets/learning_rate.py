"""Learning-rate panel: a log slider for ``learning_rate`` and one for the number of
iterations; retrains from the same initial parameters and redraws the cost curve with the
train/dev accuracy. Taught in: c1/02_logistic_regression (and any model with ``train``).
"""
import numpy as np

from .base import Panel, log_slider, int_slider
from ..train.training import train

__all__ = ["learning_rate_panel", "learning_rate_result"]


def learning_rate_result(make_model, X, Y, X_dev=None, Y_dev=None, *, learning_rate, num_iterations,
                         record_every=None):
    """Train a fresh ``make_model()`` and return the panel's result dict (plain library code)."""
    model = make_model()
    record_every = record_every or max(1, num_iterations // 50)
    h = train(model, X, Y, learning_rate=learning_rate, num_iterations=num_iterations,
              X_dev=X_dev, Y_dev=Y_dev, record_every=record_every, on_divergence="stop")
    result = {"history": h, "model": model, "learning_rate": learning_rate,
              "num_iterations": num_iterations, "diverged": h.diverged}
    if h.diverged:
        result["error"] = h.message
        return result
    result.update(cost=h.costs[-1], train_acc=h.train_acc[-1],
                  dev_acc=h.dev_acc[-1] if h.dev_acc else None)
    dev = f", dev accuracy {result['dev_acc']:.1f}%" if h.dev_acc else ""
    result["summary"] = (f"learning_rate={learning_rate:.2g}, {num_iterations} iterations: final cost "
                         f"{result['cost']:.4f}, train accuracy {result['train_acc']:.1f}%{dev}")
    return result


def learning_rate_panel(make_model, X, Y, X_dev=None, Y_dev=None, *, learning_rate=0.005,
                        num_iterations=1000, lr_range=(1e-4, 1.0), max_iterations=3000):
    """Build the panel. ``make_model()`` returns a model with its *initial* parameters."""
    controls = {
        "learning_rate": log_slider("learning_rate", learning_rate, *lr_range),
        "num_iterations": int_slider("iterations", num_iterations, 50, max_iterations, 50),
    }

    def compute(learning_rate, num_iterations):
        return learning_rate_result(make_model, X, Y, X_dev, Y_dev, learning_rate=learning_rate,
                                    num_iterations=num_iterations)

    def draw(result):
        import matplotlib.pyplot as plt
        h = result["history"]
        fig, (ax_c, ax_a) = plt.subplots(1, 2, figsize=(9, 3.2))
        ax_c.plot(h.steps, h.costs)
        ax_c.set_xlabel("iteration")
        ax_c.set_ylabel("cost J")
        ax_c.set_title(f"learning_rate = {result['learning_rate']:.2g}")
        ax_a.plot(h.steps, h.train_acc, label="train")
        if h.dev_acc:
            ax_a.plot(h.steps, h.dev_acc, label="dev/test")
        ax_a.set_ylim(0, 101)
        ax_a.set_xlabel("iteration")
        ax_a.set_ylabel("accuracy %")
        ax_a.legend(loc="lower right")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Learning rate")
