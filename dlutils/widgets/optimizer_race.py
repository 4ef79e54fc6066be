"""Optimizer race: GD, momentum, RMSprop and Adam side by side on the SAME mini-batches.

API (stable; the notebooks use these names)::

    panel = dl.widgets.optimizer_race(X, Y, X_dev, Y_dev, layer_dims=[2, 5, 2, 1],
                                      learning_rate=0.01, beta=0.9, beta1=0.9, beta2=0.999,
                                      mini_batch_size=64, num_epochs=100, rng=rng)
    panel.controls["learning_rate"].value = 0.003      # reruns the race, redraws
    panel.result["final_cost"]["adam"] < panel.result["final_cost"]["gd"]
    panel.result["costs"]["momentum"]                   # cost per epoch (mean over its batches)
    panel.result["train_acc"]["rmsprop"], panel.result["dev_acc"]["adam"], panel.result["winner"]

Controls: ``learning_rate`` (log), ``beta`` (momentum), ``beta1`` and ``beta2`` (Adam; RMSprop
uses ``beta2``), ``mini_batch_size``, ``num_epochs``. Every optimizer starts from the same
initial parameters and sees the same shuffles: the mini-batch order of every epoch is drawn
once per race from a fixed seed, before any optimizer runs (``race`` is the plain library code).
Taught in: c2/04_optimization.
"""
import numpy as np

from .base import Panel, log_slider, float_slider, int_slider
from ..train.models import DeepNet
from ..train.history import History, _evaluate as evaluate   # data validated once: no per-call checks
from ..train.training import FlatUpdater, run_loop
from ..optim.optimizers import OPTIMIZERS

__all__ = ["optimizer_race", "race"]

COLORS = {"gd": "C7", "momentum": "C0", "rmsprop": "C2", "adam": "C3"}


def race(X, Y, X_dev=None, Y_dev=None, *, layer_dims=(2, 5, 2, 1), optimizers=("gd", "momentum", "rmsprop", "adam"),
         learning_rate=0.01, beta=0.9, beta1=0.9, beta2=0.999, mini_batch_size=64, num_epochs=100, seed=0,
         hidden_activation="relu", on_progress=None):
    """Train one fresh net per optimizer on identical batches; return the result dict (see module doc).

    Each net trains through ``dl.train``'s loop (``run_loop``, flat parameters, one record per
    epoch holding the mean batch cost); each gets a fresh shuffling generator with the same
    seed, so every optimizer sees the same batches in the same order. ``on_progress(name, i, n)``,
    when given, runs before optimizer ``i`` of ``n`` trains (the panel shows it in its badge)."""
    func = "race"
    unknown = [o for o in optimizers if o not in OPTIMIZERS]
    if unknown:
        raise ValueError(f"{func}: unknown optimizer(s) {unknown}; choose from {sorted(OPTIMIZERS)}.")
    m = X.shape[1]
    num_epochs = int(num_epochs)
    size = int(mini_batch_size) if mini_batch_size else m
    hyper = {"gd": {}, "momentum": {"beta": beta}, "rmsprop": {"beta2": beta2},
             "adam": {"beta1": beta1, "beta2": beta2}}
    out = {"costs": {}, "final_cost": {}, "train_acc": {}, "dev_acc": {}, "diverged": {},
           "epochs": list(range(1, num_epochs + 1)), "batches_per_epoch": -(-m // size)}
    for i, name in enumerate(optimizers):
        if on_progress is not None:
            on_progress(name, i, len(optimizers))
        model = DeepNet(list(layer_dims), rng=np.random.default_rng(seed), hidden_activation=hidden_activation)
        X, Y = model.check_inputs(X, Y, func=func)
        h = History(hyperparameters={"optimizer": name, "learning_rate": learning_rate, **hyper[name]})
        updater = FlatUpdater(model, name, learning_rate, hyper[name])
        run_loop(model, X, Y, updater=updater, history=h, learning_rate=learning_rate,
                 num_epochs=num_epochs, mini_batch_size=size, rng=np.random.default_rng([seed, 1]),
                 record_every=1, score=False)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            finite = not h.diverged and np.all(np.isfinite(updater.theta))
            out["costs"][name] = list(h.costs)
            out["diverged"][name] = bool(not finite)
            if finite:
                out["final_cost"][name], out["train_acc"][name] = evaluate(model, X, Y)
                out["dev_acc"][name] = evaluate(model, X_dev, Y_dev)[1] if X_dev is not None else None
            else:
                out["final_cost"][name] = float("nan")
                out["train_acc"][name] = out["dev_acc"][name] = None
    ok = {k: v for k, v in out["final_cost"].items() if np.isfinite(v)}
    out["winner"] = min(ok, key=ok.get) if ok else None
    return out


def optimizer_race(X, Y, X_dev=None, Y_dev=None, *, layer_dims=(2, 5, 2, 1),
                   optimizers=("gd", "momentum", "rmsprop", "adam"), learning_rate=0.01, beta=0.9,
                   beta1=0.9, beta2=0.999, mini_batch_size=64, num_epochs=100, rng=None, seed=None,
                   lr_range=(1e-4, 1.0), max_epochs=500):
    """Build the race panel (see the module docstring)."""
    import ipywidgets as w
    from ..validation import check_rng
    if seed is None:
        check_rng("optimizer_race", rng)
        seed = int(rng.integers(2**31))
    controls = {
        "learning_rate": log_slider("learning_rate", learning_rate, *lr_range, readout_format=".2g"),
        "beta": float_slider("beta (momentum)", beta, 0.0, 0.99, 0.01),
        "beta1": float_slider("beta1 (Adam)", beta1, 0.0, 0.99, 0.01),
        "beta2": float_slider("beta2 (RMSprop, Adam)", beta2, 0.9, 0.9999, 0.0001, readout_format=".4f"),
        "mini_batch_size": w.Dropdown(options=[("full batch", 0), ("16", 16), ("32", 32), ("64", 64), ("128", 128)],
                                      value=mini_batch_size, description="mini-batch",
                                      style={"description_width": "110px"}, layout=w.Layout(width="340px")),
        "num_epochs": int_slider("epochs", num_epochs, 10, max_epochs, 10),
    }
    for c in controls.values():   # room for the longest label ("beta2 (RMSprop, Adam)"): no text cut off
        c.style.description_width, c.layout.width = "165px", "400px"

    def compute(**v):
        r = race(X, Y, X_dev, Y_dev, layer_dims=layer_dims, optimizers=optimizers, seed=seed,
                 on_progress=progress, **v)
        parts = []
        for name in optimizers:
            if r["diverged"][name]:
                parts.append(f"{name}: diverged")
            else:
                dev = f"/{r['dev_acc'][name]:.0f}%" if r["dev_acc"][name] is not None else ""
                parts.append(f"{name}: cost {r['final_cost'][name]:.3f}, acc {r['train_acc'][name]:.0f}%{dev}")
        # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
        r["summary"] = (f"lowest cost: {r['winner']}" if r["winner"] else "no winner") + "\n" + "; ".join(parts)
        if all(r["diverged"].values()):
            r["error"] = "every optimizer diverged - learning rate too large? Try a value 3-10x smaller."
        return r

    def draw(r):
        import matplotlib.pyplot as plt
        fig, (ax_c, ax_a) = plt.subplots(1, 2, figsize=(9.6, 3.4), gridspec_kw={"width_ratios": [1.6, 1]})
        drawn = []     # curves already drawn: one that coincides with an earlier one is dashed and says so
        styles = ["-", "--", ":", "-."]
        for name in optimizers:
            c = np.asarray(r["costs"][name], dtype=float)
            label = name + (" (diverged)" if r["diverged"][name] else "")
            same = [o for o, oc in drawn if len(oc) == len(c) and np.allclose(oc, c, rtol=0.01, atol=1e-3)]
            if same:
                label += f" (coincides with {same[0]})"
            ax_c.plot(np.arange(1, len(c) + 1), c, color=COLORS.get(name), label=label,
                      ls=styles[min(len(same), 3)] if same else "-", lw=2.2 if same else 1.5)
            drawn.append((name, c))
        ax_c.set_xlabel("epoch")
        ax_c.set_ylabel("cost (mean over the epoch's batches)")
        ax_c.set_title(f"same batches, learning_rate = {r['values']['learning_rate']:.2g}", fontsize=10)
        ax_c.legend(fontsize=9)
        names = list(optimizers)
        xs = np.arange(len(names))
        tr = [r["train_acc"][n] or 0 for n in names]
        bars = [ax_a.bar(xs - 0.2, tr, 0.4, label="train", color="#555")]
        vals = list(tr)
        if X_dev is not None:
            dv = [r["dev_acc"][n] or 0 for n in names]
            bars.append(ax_a.bar(xs + 0.2, dv, 0.4, label="dev", color="#bbb", edgecolor="#555"))
            vals += dv
        for b in bars:   # the values on the bars: a one-point gap is visible
            ax_a.bar_label(b, fmt="%.0f", fontsize=8, padding=1)
        ax_a.set_xticks(xs, names, fontsize=9)
        # the axis starts near the data (not at 0), so a few points' difference shows
        low = max(0.0, min(v for v in vals) - 10)
        ax_a.set_ylim(5 * np.floor(low / 5), 104)
        ax_a.set_ylabel(f"final accuracy % (axis from {5 * np.floor(low / 5):.0f})")
        # above the bars, not over them
        ax_a.legend(fontsize=9, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)
        fig.tight_layout()

    holder = []

    def progress(name, i, n):   # in the fixed-width badge: the layout does not move
        if holder:
            holder[0].set_badge(f"{name} ({i + 1}/{n})")

    holder.append(Panel(controls, compute, draw, title="Optimizer race: the same mini-batches for everyone"))
    return holder[0]
