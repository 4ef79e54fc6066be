"""Course 3 panels over measured numbers: satisficing limits, dev-set size, error analysis and
transfer. The work each panel does is library code (``dl.pick_model``,
``dl.dev_accuracy_spread``, ``dl.error_analysis``) or a ``compute`` function the notebook gives.

- ``satisficing_panel(candidates)``: log sliders for the maximum prediction time and parameter
  memory; the most accurate candidate under both limits is picked and highlighted.
- ``dev_size_panel(correct, seed)``: a slider for the dev-set size; many dev sets of that size are
  drawn and the spread of their measured accuracy is shown next to ``sqrt(p (1 - p) / n)``.
- ``compute_panel(controls, compute, draw, title)``: a thin wrapper for notebook-specific panels.
Taught in: c3/01_goals_and_metrics, c3/03, c3/04.
"""
import numpy as np

from .base import Panel, log_slider, int_slider
from ..strategy import pick_model, dev_accuracy_spread, accuracy_standard_error

__all__ = ["satisficing_result", "satisficing_panel", "dev_size_result", "dev_size_panel",
           "compute_panel"]


def satisficing_result(candidates, max_time_ms, max_memory_kb):
    """Pick the most accurate candidate with ``time_ms <= max_time_ms`` and
    ``memory_kb <= max_memory_kb``; ``chosen`` is ``None`` when no candidate qualifies."""
    i = pick_model(candidates, "dev_acc", {"time_ms": max_time_ms, "memory_kb": max_memory_kb})
    if i is None:
        summary = "no model meets both limits: relax one of them"
    else:
        c = candidates[i]
        summary = (f"pick <b>{c['name']}</b>: dev accuracy {c['dev_acc']:.1f} %, {c['time_ms']:.2f} ms, "
                   f"{c['memory_kb']:.1f} KB")
    return {"chosen": i, "candidate": None if i is None else candidates[i], "summary": summary}


def satisficing_panel(candidates, max_time_ms=10.0, max_memory_kb=100.0, time_range=(0.01, 100.0),
                      memory_range=(0.1, 1000.0)):
    """Optimizing metric: dev accuracy; satisficing metrics: time and memory under the sliders."""
    controls = {"max_time_ms": log_slider("max time ms", max_time_ms, *time_range, readout_format=".2g"),
                "max_memory_kb": log_slider("max memory KB", max_memory_kb, *memory_range,
                                            readout_format=".3g")}

    def compute(max_time_ms, max_memory_kb):
        return satisficing_result(candidates, max_time_ms, max_memory_kb)

    def draw(r):
        import matplotlib.pyplot as plt
        v = r["values"]
        fig, axes = plt.subplots(1, 2, figsize=(9.6, 3.6))
        for ax, key, lim, label in ((axes[0], "time_ms", v["max_time_ms"], "prediction time (ms)"),
                                    (axes[1], "memory_kb", v["max_memory_kb"], "parameter memory (KB)")):
            xs = [c[key] for c in candidates]
            ys = [c["dev_acc"] for c in candidates]
            ok = [c["time_ms"] <= v["max_time_ms"] and c["memory_kb"] <= v["max_memory_kb"] for c in candidates]
            ax.scatter(xs, ys, c=["tab:blue" if o else "lightgray" for o in ok], s=60, edgecolors="k")
            for c, x, y in zip(candidates, xs, ys):
                ax.annotate(c["name"], (x, y), textcoords="offset points", xytext=(4, 4), fontsize=8)
            if r["chosen"] is not None:
                c = candidates[r["chosen"]]
                ax.scatter([c[key]], [c["dev_acc"]], s=250, facecolors="none", edgecolors="r", linewidths=2)
            ax.axvline(lim, color="r", ls="--")
            ax.set_xscale("log")
            ax.set_xlabel(label)
            ax.set_ylabel("dev accuracy %")
        from matplotlib.lines import Line2D
        axes[0].legend(handles=[
            Line2D([], [], ls="", marker="o", ms=8, mfc="tab:blue", mec="k", label="meets both limits"),
            Line2D([], [], ls="", marker="o", ms=8, mfc="lightgray", mec="k", label="breaks a limit"),
            Line2D([], [], ls="", marker="o", ms=13, mfc="none", mec="r", mew=2, label="chosen (best dev acc.)"),
            Line2D([], [], color="r", ls="--", label="the limit")], loc="lower right", fontsize=8)
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Optimizing vs satisficing")


def dev_size_result(correct, dev_size, seed=0, n_draws=300):
    """Measured accuracy on ``n_draws`` random dev sets of ``dev_size`` examples."""
    accs = dev_accuracy_spread(correct, int(dev_size), n_draws, np.random.default_rng(seed))
    p = 100.0 * np.mean(correct)
    spread = float(accs.std())
    return {"accuracies": accs, "spread": spread, "true_acc": p,
            "theory": float(accuracy_standard_error(p, dev_size)),
            "summary": f"dev size {int(dev_size)}: measured accuracy {p:.1f} % +- {spread:.2f} "
                       f"(theory {accuracy_standard_error(p, dev_size):.2f})"}


def dev_size_panel(correct, seed=0, dev_size=100, max_size=10000):
    """How much a dev-set accuracy wobbles at a given dev-set size."""
    controls = {"dev_size": int_slider("dev-set size", dev_size, 20, max_size, 20)}

    def compute(dev_size):
        return dev_size_result(correct, dev_size, seed)

    def draw(r):
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 3.4))
        ax.hist(r["accuracies"], bins=np.linspace(r["true_acc"] - 12, r["true_acc"] + 12, 49), color="tab:blue")
        ax.axvline(r["true_acc"], color="k", ls="--", label="accuracy on the whole pool")
        ax.set_xlabel("accuracy measured on one dev set (%)")
        ax.set_ylabel("how many of 300 dev sets")
        ax.set_title(f"dev-set size {int(r['values']['dev_size'])}: spread {r['spread']:.2f} points")
        ax.legend(loc="upper left")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="How big must the dev set be?")


def compute_panel(controls, compute, draw, title=""):
    """A ``Panel`` for a notebook's own experiment (``compute(**values) -> dict``, ``draw(result)``)."""
    return Panel(controls, compute, draw, title=title)
