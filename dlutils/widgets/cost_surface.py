"""Cost-surface panel: each optimizer's path over 2-D cost contours (an elongated bowl, a saddle).

API (stable; the notebooks use these names)::

    panel = dl.widgets.cost_surface_panel(learning_rate=0.05, beta=0.9, beta2=0.999, steps=60)
    panel.controls["learning_rate"].value = 0.2
    panel.result["paths"]["bowl"]["momentum"]        # (steps + 1, 2) array of (w1, w2)
    panel.result["final"]["saddle"]["adam"]          # last point, panel.result["final_cost"] likewise

The surfaces (``SURFACES``; each is ``J(w) -> (cost, grad)`` on ``w = (w1, w2)``):

- ``bowl``:   J = 0.5 (w1^2 / 10 + 10 w2^2), minimum at (0, 0). Elongated (curvatures 0.1 and 10):
  gradient descent must keep learning_rate < 2/10 = 0.2 or it diverges across the valley, and
  then it crawls along w1; momentum damps the zig-zag and survives larger rates; RMSprop and
  Adam rescale each axis by its own gradient size and go nearly straight to the minimum.
- ``saddle``: J = 0.5 w1^2 - 0.5 w2^2 + 0.25 w2^4 + 0.25, a saddle at (0, 0) between two valleys
  at w2 = +-1. Starting almost on the ridge (w2 = 0.001), the gradient along w2 is tiny, so plain
  GD lingers near the saddle (the plateau the lecture warns about); Adam and RMSprop rescale
  that tiny gradient and leave it sooner.

Controls: ``learning_rate`` (log), ``beta`` (momentum and Adam's beta1), ``beta2`` (RMSprop and
Adam), ``steps``. ``descend`` is the plain library code (the same ``dl.gd``/``dl.momentum``/
``dl.rmsprop``/``dl.adam`` rules the networks use). Taught in: c2/04_optimization.
"""
import numpy as np

from .base import Panel, log_slider, float_slider, int_slider
from ..optim.optimizers import OPTIMIZERS, make_optimizer_configs

__all__ = ["cost_surface_panel", "descend", "SURFACES"]


def _bowl(w):
    a, b = 0.1, 10.0
    return 0.5 * (a * w[0] ** 2 + b * w[1] ** 2), np.array([a * w[0], b * w[1]])


def _saddle(w):
    cost = 0.5 * w[0] ** 2 - 0.5 * w[1] ** 2 + 0.25 * w[1] ** 4 + 0.25
    return cost, np.array([w[0], -w[1] + w[1] ** 3])


SURFACES = {
    "bowl": {"J": _bowl, "start": (-9.0, 1.2), "extent": (-10, 10, -2, 2), "minimum": (0.0, 0.0)},
    "saddle": {"J": _saddle, "start": (-2.0, 0.001), "extent": (-2.5, 2.5, -1.6, 1.6), "minimum": (0.0, 1.0)},
}
COLORS = {"gd": "k", "momentum": "C0", "rmsprop": "C2", "adam": "C3"}


def descend(surface, optimizer, *, learning_rate, steps, beta=0.9, beta2=0.999, start=None):
    """Run ``steps`` updates of ``optimizer`` on ``surface``; return the path ``(steps + 1, 2)``.

    ``beta`` is momentum's beta and Adam's beta1; ``beta2`` is RMSprop's and Adam's. The path
    stops early (shorter) if it leaves the finite numbers (diverges).
    """
    if surface not in SURFACES:
        raise ValueError(f"descend: surface must be one of {sorted(SURFACES)}, got {surface!r}.")
    hyper = {"gd": {}, "momentum": {"beta": beta}, "rmsprop": {"beta2": beta2},
             "adam": {"beta1": beta, "beta2": beta2}}
    if optimizer not in hyper:
        raise ValueError(f"descend: optimizer must be one of {sorted(hyper)}, got {optimizer!r}.")
    J = SURFACES[surface]["J"]
    w = np.array(start if start is not None else SURFACES[surface]["start"], dtype=float)
    config = make_optimizer_configs({"w": w}, optimizer, learning_rate, **hyper[optimizer])["w"]
    update = OPTIMIZERS[optimizer]
    path = [w.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(int(steps)):
            _, grad = J(w)
            w, config = update(w, grad, config)
            if not np.all(np.isfinite(w)) or np.abs(w).max() > 1e6:
                break
            path.append(w.copy())
    return np.array(path)


def surface_result(*, learning_rate, beta, beta2, steps, optimizers=("gd", "momentum", "rmsprop", "adam")):
    """Paths, final points and final costs on every surface (the panel's result; library code)."""
    r = {"paths": {}, "final": {}, "final_cost": {}, "diverged": {}}
    for s, spec in SURFACES.items():
        r["paths"][s], r["final"][s], r["final_cost"][s], r["diverged"][s] = {}, {}, {}, {}
        for o in optimizers:
            p = descend(s, o, learning_rate=learning_rate, steps=steps, beta=beta, beta2=beta2)
            r["paths"][s][o] = p
            r["final"][s][o] = tuple(p[-1])
            r["final_cost"][s][o] = float(spec["J"](p[-1])[0])
            r["diverged"][s][o] = len(p) < int(steps) + 1
    best = {s: min(r["final_cost"][s], key=r["final_cost"][s].get) for s in SURFACES}
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    r["summary"] = ("lowest cost: " + ", ".join(f"{best[s]} on the {s}" for s in SURFACES)
                    + f"\nafter {steps} steps: " + ", ".join(f"{s} J = {r['final_cost'][s][best[s]]:.3g}" for s in SURFACES))
    return r


def cost_surface_panel(*, learning_rate=0.05, beta=0.9, beta2=0.999, steps=60,
                       optimizers=("gd", "momentum", "rmsprop", "adam"), lr_range=(1e-3, 1.0), max_steps=300):
    """Build the panel (see the module docstring). Deterministic: no randomness involved."""
    controls = {
        "learning_rate": log_slider("learning_rate", learning_rate, *lr_range, readout_format=".2g"),
        "beta": float_slider("beta / beta1", beta, 0.0, 0.99, 0.01),
        "beta2": float_slider("beta2", beta2, 0.9, 0.9999, 0.0001, readout_format=".4f"),
        "steps": int_slider("steps", steps, 5, max_steps, 5),
    }
    for c in controls.values():   # room for the longest label ("beta2 (RMSprop, Adam)"): no text cut off
        c.style.description_width, c.layout.width = "165px", "400px"
    grids = {}
    for s, spec in SURFACES.items():
        x0, x1, y0, y1 = spec["extent"]
        xx, yy = np.meshgrid(np.linspace(x0, x1, 120), np.linspace(y0, y1, 120))
        grids[s] = (xx, yy, spec["J"](np.array([xx, yy]))[0])

    def compute(**v):
        return surface_result(optimizers=optimizers, **v)

    def draw(r):
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 2, figsize=(9.6, 3.6))
        for ax, s in zip(axes, SURFACES):
            xx, yy, zz = grids[s]
            levels = np.quantile(zz, np.linspace(0.0, 0.95, 16))
            ax.contour(xx, yy, zz, levels=np.unique(levels), cmap="Greys", linewidths=0.7)
            drawn = []   # a path that coincides with an earlier one is dashed and says so
            # each path a little thinner than the one drawn before it: where two run along the same
            # line (GD and momentum on the saddle's ridge) both stay visible, the later one inside
            widths = np.linspace(3.6, 1.2, len(optimizers))
            for o, lw in zip(optimizers, widths):
                p = r["paths"][s][o]
                label = f"{o}: J={r['final_cost'][s][o]:.2g}" + (" (diverged)" if r["diverged"][s][o] else "")
                same = [q for q, qp in drawn if qp.shape == p.shape and np.allclose(qp, p, atol=1e-3)]
                if same:
                    label += f" (= {same[0]})"
                ax.plot(p[:, 0], p[:, 1], "--" if same else "-", marker="o", ms=2, lw=lw,
                        color=COLORS.get(o), label=label)
                drawn.append((o, p))
            ax.plot(*SURFACES[s]["start"], "ks", ms=6, ls="", label="start")
            ax.plot(*SURFACES[s]["minimum"], "*", color="gold", ms=12, mec="k", ls="", label="minimum")
            x0, x1, y0, y1 = SURFACES[s]["extent"]
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
            ax.set_xlabel("w1")
            ax.set_ylabel("w2")
            ax.set_title(f"{s}: {r['values']['steps']} steps, learning_rate = {r['values']['learning_rate']:.2g}",
                         fontsize=10)
            ax.legend(fontsize=8, loc="lower right")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Optimizers on cost surfaces")
