"""Gradient-by-distance panel: how much of the error signal at the last step reaches an input
``k`` steps back, for the plain RNN, the GRU and the LSTM (log scale), with a slider for the
sequence length and one for the scale of the recurrent weights (vanishing <-> exploding).

The numbers come from ``dl.gradient_norm_by_distance`` (ordinary library code with tests).
Taught in: c5_sequence_models/01_rnn_step_by_step.
"""
import numpy as np

from .base import Panel, int_slider, log_slider
from ..train.recurrent_diagnostics import gradient_norm_by_distance

__all__ = ["gradient_distance_panel", "gradient_distance_result"]

CELLS = ("rnn", "gru", "lstm")
COLORS = {"rnn": "tab:red", "gru": "tab:green", "lstm": "tab:blue"}


def gradient_distance_result(cell, T_x, scale, seed=0, n_a=32):
    """``{"norms": {cell: (T_x,) array}, "at_20": {cell: norm at k = 20 or the farthest k}, "summary"}``."""
    cells = CELLS if cell == "all" else (cell,)
    norms = {c: gradient_norm_by_distance(c, int(T_x), np.random.default_rng(seed), n_a=n_a, scale=scale)
             for c in cells}
    k = min(20, int(T_x) - 1)
    at = {c: float(v[k]) for c, v in norms.items()}
    text = ", ".join(f"{c.upper()} {v:.1e}" for c, v in at.items())
    return {"norms": norms, "k": k, "at_20": at, "cell": cell, "T_x": int(T_x), "scale": scale,
            "summary": f"relative gradient norm {k} steps back (scale {scale:.2g}): {text}"}


def gradient_distance_panel(cell="all", T_x=40, scale=1.0, seed=0, n_a=32):
    """Build the panel (draws once at the defaults; the last result is in ``panel.result``)."""
    import ipywidgets as widgets
    controls = {
        "cell": widgets.Dropdown(options=["all", *CELLS], value=cell, description="cell",
                                 style={"description_width": "110px"}),
        "T_x": int_slider("T_x (steps)", T_x, 10, 80, 5),
        "scale": log_slider("recurrent scale", scale, 0.25, 4.0, readout_format=".2f"),
    }

    def compute(cell, T_x, scale):
        return gradient_distance_result(cell, T_x, scale, seed=seed, n_a=n_a)

    def draw(result):
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(7, 3.4))
        for c, v in result["norms"].items():
            ax.semilogy(np.arange(len(v)), np.maximum(v, 1e-30), color=COLORS[c], label=c.upper())
        ax.axhline(1.0, color="grey", lw=0.8, ls=":")
        ax.set_xlabel("distance k (steps back from the last step)")
        ax.set_ylabel("||dJ/dx<T-1-k>|| / ||dJ/dx<T-1>||")
        ax.set_title(f"gradient reaching k steps back, T_x = {result['T_x']}, recurrent scale {result['scale']:.2g}")
        ax.legend(loc="lower left")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Vanishing and exploding gradients")
