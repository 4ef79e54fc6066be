"""Learning-rate panel: a log slider for ``learning_rate`` and one for the number of
iterations; retrains from the same initial parameters and redraws the cost curve with the
train/dev accuracy. Taught in: c1/02_logistic_regression (and any model with ``train``).
"""
import numpy as np

from .base import Panel, log_slider, int_slider
from ..train.training import train

__all__ = ["learning_rate_panel", "learning_rate_result"]


def learning_rate_result(make_model, X, Y, X_dev=None, Y_dev=None, *, learning_rate, num_iterations,
                         record_every=None, on_progress=None):
    """Train a fresh ``make_model()`` and return the panel's result dict (plain library code).

    ``on_progress(fraction)``, when given, runs at every record (~50 per run; the panel shows it
    in its badge, so a run of a second or more says how far it is)."""
    model = make_model()
    record_every = record_every or max(1, num_iterations // 50)
    callback = None if on_progress is None else (lambda h, _m: on_progress(h.steps[-1] / num_iterations) and None)
    h = train(model, X, Y, learning_rate=learning_rate, num_iterations=num_iterations,
              X_dev=X_dev, Y_dev=Y_dev, record_every=record_every, on_divergence="stop", callback=callback)
    result = {"history": h, "model": model, "learning_rate": learning_rate,
              "num_iterations": num_iterations, "diverged": h.diverged}
    if h.diverged:
        result["error"] = h.message
        return result
    result.update(cost=h.costs[-1], train_acc=h.train_acc[-1],
                  dev_acc=h.dev_acc[-1] if h.dev_acc else None)
    dev = f", dev accuracy {result['dev_acc']:.1f}%" if h.dev_acc else ""
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    result["summary"] = (f"final cost {result['cost']:.4f}, train accuracy {result['train_acc']:.1f}%{dev}\n"
                         f"learning_rate={learning_rate:.2g}, {num_iterations} iterations")
    return result


def learning_rate_panel(make_model, X, Y, X_dev=None, Y_dev=None, *, learning_rate=0.005,
                        num_iterations=1000, lr_range=(1e-4, 1.0), max_iterations=3000):
    """Build the panel. ``make_model()`` returns a model with its *initial* parameters."""
    controls = {
        "learning_rate": log_slider("learning_rate", learning_rate, *lr_range),
        "num_iterations": int_slider("iterations", num_iterations, 50, max_iterations, 50),
    }

    holder = []

    def progress(fraction):   # in the fixed-width badge: the layout does not move
        if holder:
            holder[0].set_badge(f"training {100 * fraction:.0f} %")

    def compute(learning_rate, num_iterations):
        return learning_rate_result(make_model, X, Y, X_dev, Y_dev, learning_rate=learning_rate,
                                    num_iterations=num_iterations, on_progress=progress)

    def draw(result):
        import matplotlib.pyplot as plt
        h = result["history"]
        fig, (ax_c, ax_a) = plt.subplots(1, 2, figsize=(9, 3.2))
        ax_c.plot(h.steps, h.costs, color="k")
        ax_c.set_xlabel("iteration")
        ax_c.set_ylabel("cost J")
        ax_c.set_title(f"learning_rate = {result['learning_rate']:.2g}")
        # train and dev in greys, as in the other panels that train
        ax_a.plot(h.steps, h.train_acc, color="#222", label="train")
        if h.dev_acc:
            ax_a.plot(h.steps, h.dev_acc, color="#999", lw=2, label="dev/test")
        ax_a.set_ylim(0, 101)
        ax_a.set_xlabel("iteration")
        ax_a.set_ylabel("accuracy %")
        ax_a.legend(loc="lower right")
        fig.tight_layout()

    holder.append(Panel(controls, compute, draw, title="Learning rate"))
    return holder[0]
