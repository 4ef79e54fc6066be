"""Depth panel: the same conv net with and without skip connections, trained side by side.

A depth slider (convs after the stem) retrains a plain net and its residual twin with
``dl.depth_experiment`` (the library code, tested on its own) and draws their training-cost
curves and the gradient norm of every conv layer before training. Runs are remembered in
``panel.runs`` (keyed by depth and plain/residual), so going back to a depth is instant; a
badge beside the status line says which net is training. Layout: images ``(m, n_H, n_W, n_C)``,
labels ``(1, m)``. Taught in: c4/03_classic_networks_and_resnets.
"""
import numpy as np

from .base import Panel, int_slider
from ..train.architectures import depth_experiment

__all__ = ["resnet_depth_panel", "depth_pair"]


def depth_pair(depth, X, Y, seed=1, runs=None, progress=None, **options):
    """Plain and residual results at ``depth`` (from ``runs`` when already computed)."""
    runs = {} if runs is None else runs
    out = {}
    for residual in (False, True):
        key = (int(depth), residual)
        if key not in runs:
            if progress is not None:
                progress(f"{'residual' if residual else 'plain'} ({1 + residual}/2)")
            runs[key] = depth_experiment(int(depth), residual, X, Y, np.random.default_rng(seed), **options)
        out["residual" if residual else "plain"] = runs[key]
    return out


def resnet_depth_panel(X, Y, depth=2, seed=1, runs=None, max_depth=24, **options):
    """Build the panel; ``runs`` (a dict from earlier ``depth_pair`` calls) is reused and extended."""
    import matplotlib.pyplot as plt
    runs = {} if runs is None else runs
    holder = {}

    def progress(text):   # in the fixed-width badge: the status keeps the last summary, no jump
        if "panel" in holder:
            holder["panel"].set_badge(text)

    def compute(depth):
        pair = depth_pair(depth, X, Y, seed, runs, progress, **options)
        p, r = pair["plain"], pair["residual"]
        return {"depth": depth, "plain_cost": p["final_cost"], "residual_cost": r["final_cost"],
                "plain_ratio": p["grad_ratio"], "residual_ratio": r["grad_ratio"], "pair": pair,
                # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
                "summary": (f"depth {depth}: final cost plain {p['final_cost']:.3f}, residual {r['final_cost']:.3f}\n"
                            f"first/last conv gradient norm: plain {p['grad_ratio']:.1f}x, residual "
                            f"{r['grad_ratio']:.1f}x")}

    def draw(result):
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.6))
        for name, style in (("plain", "C3-"), ("residual", "C0-")):
            run = result["pair"][name]
            ax1.plot(np.arange(1, len(run["costs"]) + 1), run["costs"], style, marker="o", label=name)
            ax2.semilogy(np.arange(len(run["grad_norms"])), run["grad_norms"], style, marker=".", label=name)
        ax1.set(xlabel="epoch", ylabel="training cost", title=f"depth {result['depth']}: training cost")
        ax2.set(xlabel="conv layer (0 = first)", ylabel="||dJ/dW|| before training",
                title="gradient reaching each layer")
        from matplotlib.ticker import MaxNLocator
        for ax in (ax1, ax2):   # epochs and layers are whole numbers
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.legend()
        fig.tight_layout()

    panel = Panel({"depth": int_slider("depth (convs)", depth, 0, max_depth, step=2)}, compute, draw,
                  title="Plain vs residual: training cost and gradients as depth grows", columns=1)
    holder["panel"] = panel
    panel.runs = runs
    return panel
