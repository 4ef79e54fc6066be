"""The live training panel for 2-D problems (Course 2: regularization, optimization, batch norm).

API (stable; the notebooks use these names)::

    panel = dl.widgets.training_panel(X, Y, X_dev, Y_dev, layer_dims=[2, 20, 3, 1],
                                      learning_rate=0.01, lambd=0.0, keep_prob=1.0,
                                      optimizer="adam", mini_batch_size=0, num_iterations=1000,
                                      datasets=None, architectures=None, rng=rng)
    panel                                   # shows it (last expression of a cell)
    panel.controls["lambd"].value = 0.7     # retrains synchronously and redraws
    panel.result["dev_acc"], panel.result["weight_norm"], panel.result["diverged"]

Controls (``panel.controls``): ``learning_rate`` (log slider), ``lambd`` (linear slider from 0),
``keep_prob``, ``optimizer`` (dropdown), ``mini_batch_size`` (dropdown, 0 = full batch),
``num_iterations`` (gradient steps), plus ``dataset`` / ``architecture`` dropdowns when
``datasets`` / ``architectures`` (dicts name -> (X, Y, X_dev, Y_dev) / layer_dims) are given,
and Run / Reset buttons (``panel.run()``, ``panel.reset()``).

``panel.result``: ``train_acc``, ``dev_acc`` (%), ``train_cost``, ``dev_cost`` (cross-entropy without
the L2 term), ``weight_norm`` (sqrt of sum ||W||^2), ``diverged``, ``message``, ``latency``
(seconds from the change to the finished redraw), ``frames`` (pictures drawn during training),
``history``, ``model``, ``values``.

Every run starts from the same initial parameters (a seed drawn once from ``rng`` when the
panel is built), so a slider change is the only thing that changes the picture. The picture
is refreshed during training every ~0.2 s (boundary, curves), first frame early; the final
frame is drawn when training ends. The work is ``fit_2d`` (plain library code, tested on its own).
Taught in: c2/02_regularization, c2/04_optimization, c2/06_batch_normalization.
"""
import io
import time

import numpy as np

from .base import Panel, log_slider, float_slider, int_slider, status_html
from ..train.models import DeepNet
from ..train.history import History, _evaluate as evaluate   # data validated once: no per-call checks
from ..train.training import FlatUpdater, run_loop
from ..nn.regularization import weight_norm
from ..plotting import decision_grid, CLASS_COLORS

__all__ = ["training_panel", "fit_2d", "TrainingPanel"]

OPTIMIZER_NAMES = ("gd", "momentum", "rmsprop", "adam")
BATCH_SIZES = (("full batch", 0), ("16", 16), ("32", 32), ("64", 64), ("128", 128))


def fit_2d(X, Y, X_dev=None, Y_dev=None, *, layer_dims, learning_rate, lambd=0.0, keep_prob=1.0,
           optimizer="adam", mini_batch_size=0, num_iterations=1000, seed=0, batchnorm=False,
           hidden_activation="relu", n_records=25, on_record=None):
    """Train a fresh ``DeepNet`` from the initial parameters fixed by ``seed``; return the result dict.

    ``mini_batch_size=0`` means full batch. ``num_iterations`` counts gradient steps in both
    cases. ``on_record(history, model)`` runs about ``n_records`` times during training (the
    panel draws frames there); returning False stops. Divergence never raises: ``result["diverged"]``
    and ``result["message"]`` say what happened. Diverged means: a NaN/inf cost, a cost above
    5x the first one + 1 (``dl.train``'s rule; training stops there), or a final cost above
    1.2x the first one.

    The training is ``dl.train``'s own loop (``run_loop``), with the same records
    (``result["history"].iterations``: full batch 0, k, 2k, ... and the last step). Speed (the
    panel must answer within ~0.5 s): a ``FlatUpdater`` keeps the parameters in ONE flat vector
    that ``model.params`` views into, so each step is one ``model._loss`` call (the same maths as
    everywhere else) plus ONE optimizer update (the same ``dl.adam``/``dl.momentum``/... rules)
    instead of one per parameter; only the ~``n_records`` records score the whole sets.
    """
    rng = np.random.default_rng(seed)
    model = DeepNet(layer_dims, rng=rng, lambd=lambd, keep_prob=keep_prob, batchnorm=batchnorm,
                    hidden_activation=hidden_activation)
    X, Y = model.check_inputs(X, Y, func="fit_2d")
    if X_dev is not None:
        X_dev, Y_dev = model.check_inputs(X_dev, Y_dev, func="fit_2d")
    num_iterations = int(num_iterations)
    m = X.shape[1]
    full = not mini_batch_size or mini_batch_size >= m
    h = History(hyperparameters={"learning_rate": learning_rate, "lambd": lambd, "keep_prob": keep_prob,
                                 "optimizer": optimizer, "mini_batch_size": None if full else mini_batch_size})
    updater = FlatUpdater(model, optimizer, learning_rate)
    run_loop(model, X, Y, updater=updater, history=h, learning_rate=learning_rate,
             num_epochs=num_iterations if full else None, max_steps=None if full else num_iterations,
             mini_batch_size=None if full else int(mini_batch_size), rng=rng,
             record_every=max(1, num_iterations // n_records), record_unit="step",
             X_dev=X_dev, Y_dev=Y_dev, callback=on_record)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        wn = weight_norm(model.params)
    first_cost = h.first_cost
    if not h.diverged and h.costs and first_cost is not None and h.costs[-1] > 1.2 * first_cost:
        h.diverged = True
        h.message = (f"training failed: the cost went UP from {first_cost:.3g} to {h.costs[-1]:.3g} with "
                     f"learning_rate={learning_rate:g}, optimizer={optimizer} - learning rate too large "
                     f"(steps overshoot, ReLUs die)? Try a value 3-10x smaller.")
    model.params = {k: v.copy() for k, v in model.params.items()}
    result = {"history": h, "model": model, "diverged": h.diverged, "message": h.message,
              "weight_norm": wn if np.isfinite(wn) else float("nan"),
              "train_acc": None, "dev_acc": None, "train_cost": None, "dev_cost": None}
    if np.isfinite(wn) and all(np.all(np.isfinite(v)) for v in model.params.values()):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            result["train_cost"], result["train_acc"] = evaluate(model, X, Y)
            if X_dev is not None:
                result["dev_cost"], result["dev_acc"] = evaluate(model, X_dev, Y_dev)
    return result


class _Canvas:
    """One matplotlib figure reused for every frame: boundary image + points, cost and accuracy curves.

    Fast frames by blitting: the axes, ticks and legends are drawn once per run (their limits are
    fixed from the number of steps), then each frame restores that background and draws only the
    moving artists (boundary image, points on top, four curves, two titles) and encodes the pixels.
    """

    def __init__(self, X, Y, X_dev, Y_dev, resolution=80, figsize=(9.6, 3.3), dpi=100):
        from matplotlib.figure import Figure
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.ticker import MaxNLocator
        self.fig = Figure(figsize=figsize, dpi=dpi)
        FigureCanvasAgg(self.fig)
        self.ax_b, self.ax_c, self.ax_a = self.fig.subplots(1, 3, gridspec_kw={"width_ratios": [1, 1.15, 1.15]})
        self.fig.subplots_adjust(left=0.09, right=0.99, bottom=0.15, top=0.9, wspace=0.34)
        lines = []
        for ax, ylabel in ((self.ax_c, "cost"), (self.ax_a, "accuracy %")):
            # train/dev in greys (as in the optimizer race): blue and red mean the classes here
            lines += [ax.plot([], [], color="#222", label="train", animated=True)[0],
                      ax.plot([], [], color="#999", lw=2, label="dev", animated=True)[0]]
            ax.set_xlabel("step")
            ax.set_ylabel(ylabel)
            ax.legend(loc="upper right" if ylabel == "cost" else "lower right")
            ax.xaxis.set_major_locator(MaxNLocator(4))
            ax.yaxis.set_major_locator(MaxNLocator(4))
        self.l_cost, self.l_dcost, self.l_acc, self.l_dacc = lines
        self.t_b = self.ax_b.set_title("", animated=True)
        self.bg, self.bg_key = None, None
        self.set_data(X, Y, X_dev, Y_dev, resolution)

    def set_data(self, X, Y, X_dev, Y_dev, resolution=80):
        from matplotlib import colormaps
        from matplotlib.colors import ListedColormap
        ax = self.ax_b
        for a in list(ax.images) + list(ax.collections):
            a.remove()
        self.grid, xx, _ = decision_grid(X, resolution)
        self.shape = xx.shape
        ext = (self.grid[0].min(), self.grid[0].max(), self.grid[1].min(), self.grid[1].max())
        # a pale colormap instead of alpha blending: cheaper to draw every frame
        pale = ListedColormap(0.55 + 0.45 * np.asarray(colormaps["RdBu"](np.linspace(0, 1, 64)))[:, :3])
        self.img = ax.imshow(np.full(self.shape, 0.5), origin="lower", extent=ext, cmap=pale, vmin=0,
                             vmax=1, aspect="auto", interpolation="bilinear", animated=True)
        cmap = ListedColormap(CLASS_COLORS[:2])
        self.points = [ax.scatter(X[0], X[1], c=np.ravel(Y), cmap=cmap, vmin=0, vmax=1, s=14, edgecolors="k",
                                  linewidths=0.3, animated=True)]
        if X_dev is not None:
            self.points.append(ax.scatter(X_dev[0], X_dev[1], c=np.ravel(Y_dev), cmap=cmap, vmin=0, vmax=1,
                                          s=14, marker="^", edgecolors="k", linewidths=0.3, alpha=0.6,
                                          animated=True))
        from matplotlib.lines import Line2D
        handles = [Line2D([], [], ls="", marker="s", ms=7, color=CLASS_COLORS[k], label=f"class {k}")
                   for k in (0, 1)]
        handles.append(Line2D([], [], ls="", marker="o", ms=5, mfc="w", mec="k", label="train"))
        if X_dev is not None:
            handles.append(Line2D([], [], ls="", marker="^", ms=5, mfc="w", mec="k", label="dev"))
        if ax.get_legend() is not None:
            ax.get_legend().remove()
        # outside the square, left of it: the boundary stays visible (static: drawn once per run)
        ax.legend(handles=handles, loc="center right", bbox_to_anchor=(-0.02, 0.5), fontsize=9,
                  handletextpad=0.3, borderaxespad=0.2, frameon=False)
        ax.set_xlim(ext[0], ext[1])
        ax.set_ylim(ext[2], ext[3])
        ax.set_xticks([])
        ax.set_yticks([])
        self.bg_key = None

    def start(self, num_steps, cost_top=1.0, acc_bottom=40):
        """Fix the axes limits for a run and (re)draw the static background if they changed."""
        cost_top = float(np.ceil(max(cost_top, 0.5) * 2) / 2)   # steps of 0.5: few redraws
        key = (int(num_steps), cost_top, acc_bottom)
        if key != self.bg_key:
            for ax in (self.ax_c, self.ax_a):
                ax.set_xlim(0, num_steps * 1.02)
            self.ax_c.set_ylim(0, cost_top)
            self.ax_a.set_ylim(acc_bottom, 101)
            self.fig.canvas.draw()
            self.bg = self.fig.canvas.copy_from_bbox(self.fig.bbox)
            self.bg_key = key
        self.img.set_data(np.full(self.shape, 0.5))
        for line in (self.l_cost, self.l_dcost, self.l_acc, self.l_dacc):
            line.set_data([], [])

    def update(self, model, history, title):
        if model is not None:
            with np.errstate(all="ignore"):
                P = model._loss(self.grid)
            if P.shape[0] > 1:   # softmax with 2 classes: probability of class 1
                P = P[1:2]
            if np.all(np.isfinite(P)):
                self.img.set_data(P.reshape(self.shape))
        h = history
        steps = np.asarray(h.steps, dtype=float)
        self.l_cost.set_data(steps, h.costs)
        self.l_dcost.set_data(steps[:len(h.dev_costs)], h.dev_costs)
        self.l_acc.set_data(steps, h.train_acc)
        self.l_dacc.set_data(steps[:len(h.dev_acc)], h.dev_acc)
        self.t_b.set_text(title)   # one dynamic text per frame: glyph rendering is the costly part

    def png(self):
        from PIL import Image as PILImage
        canvas = self.fig.canvas
        if self.bg is None:
            self.start(1)
        canvas.restore_region(self.bg)
        for artist in [self.img, *self.points, self.t_b]:
            self.ax_b.draw_artist(artist)
        for artist in (self.l_cost, self.l_dcost):
            self.ax_c.draw_artist(artist)
        for artist in (self.l_acc, self.l_dacc):
            self.ax_a.draw_artist(artist)
        rgb = np.asarray(canvas.buffer_rgba())[..., :3]
        buf = io.BytesIO()
        PILImage.fromarray(rgb).save(buf, format="png", compress_level=1)
        return buf.getvalue()


class TrainingPanel(Panel):
    """A Panel whose compute draws frames while it trains (see the module docstring)."""

    def __init__(self, controls, data, architectures, defaults, seed, frame_interval=0.2,
                 resolution=80, title="Training panel", batchnorm=False):
        self._data, self._architectures = data, architectures
        self._defaults, self.seed = defaults, seed
        self.frame_interval, self.resolution, self.batchnorm = frame_interval, resolution, batchnorm
        self._canvas = None
        self._canvas_key = None
        self._frames = 0
        self._render_seconds = 0.0
        self.last_png = b""          # the picture last shown (PNG bytes), for tests and screenshots
        self._busy = False
        super().__init__(controls, self._compute_values, lambda r: None, title=title, columns=3)
        import ipywidgets as w
        run, reset = w.Button(description="Run", button_style="primary"), w.Button(description="Reset")
        run.on_click(lambda _: self.run())
        reset.on_click(lambda _: self.reset())
        self.buttons = w.HBox([run, reset])
        # the badge says "training..." beside the status line, which keeps the last summary: no jump
        self.widget.children = self.widget.children[:-2] + (self.buttons, w.HBox([self.badge, self.status]),
                                                            self.out)

    # -- drawing ------------------------------------------------------------------------
    def _show(self):
        from IPython.display import Image, clear_output, display
        t = time.perf_counter()
        png = self._canvas.png()
        self._render_seconds = time.perf_counter() - t
        self.last_png = png
        with self.out:
            clear_output(wait=True)
            display(Image(data=png, format="png"))
        self._frames += 1

    def _data_for(self, values):
        name = values.get("dataset")
        return self._data[name] if name is not None else self._data[None]

    def _compute_values(self, **values):
        X, Y, X_dev, Y_dev = self._data_for(values)
        layer_dims = (self._architectures[values["architecture"]] if "architecture" in values
                      else self._architectures[None])
        key = (values.get("dataset"),)
        if self._canvas is None:
            self._canvas = _Canvas(X, Y, X_dev, Y_dev, self.resolution)
            self._canvas_key = key
        elif key != self._canvas_key:
            self._canvas.set_data(X, Y, X_dev, Y_dev, self.resolution)
            self._canvas_key = key
        self._frames = 0
        self._canvas.start(values["num_iterations"], cost_top=1.0 + values["lambd"] * 0.25)
        last = [time.perf_counter() - self.frame_interval * 0.6]   # first frame early

        def on_record(history, model):
            # frames cost a render each: at most one per frame_interval, and never more than
            # about a quarter of the time (a slow machine gets fewer frames, not a slower panel)
            now = time.perf_counter()
            if now - last[0] >= max(self.frame_interval, 3 * self._render_seconds):
                f = history.final
                dev = f", dev {f['dev_acc']:.0f}%" if f["dev_acc"] is not None else ""
                self._canvas.update(model, history, f"step {f['steps']}: train {f['train_acc']:.0f}%{dev}")
                self._show()
                last[0] = time.perf_counter()
            return True

        r = fit_2d(X, Y, X_dev, Y_dev, layer_dims=layer_dims, learning_rate=values["learning_rate"],
                   lambd=values["lambd"], keep_prob=values["keep_prob"], optimizer=values["optimizer"],
                   mini_batch_size=values["mini_batch_size"], num_iterations=values["num_iterations"],
                   seed=self.seed, batchnorm=self.batchnorm, on_record=on_record)
        h = r["history"]
        if r["diverged"]:
            title = "DIVERGED - learning rate too large?"
            self._canvas.update(r["model"] if r["train_acc"] is not None else None, h, title)
            r["summary"] = "&#9888; " + r["message"]
        else:
            dev = f", dev {r['dev_acc']:.1f}%" if r["dev_acc"] is not None else ""
            self._canvas.update(r["model"], h, f"train {r['train_acc']:.1f}%{dev}, ||W|| = {r['weight_norm']:.2f}")
            devc = f", dev cost {r['dev_cost']:.3f}" if r["dev_cost"] is not None else ""
            used = (f"learning_rate={values['learning_rate']:.3g}, lambd={values['lambd']:.3g}, "
                    f"keep_prob={values['keep_prob']:.2f}, {h.steps[-1] if h.steps else 0} steps")
            # two short lines, plain text: the outcome, then the settings that produced it
            r["summary"] = (f"train {r['train_acc']:.1f} %{dev}, "
                            f"weight norm {r['weight_norm']:.2f}, train cost {r['train_cost']:.3f}{devc}\n{used}")
        self._show()
        r["frames"] = self._frames
        return r

    # -- Panel overrides ----------------------------------------------------------------
    def update(self, **overrides):
        """Retrain with the current control values and redraw (never raises into the front end)."""
        if self._busy:
            return self.result
        values = {**self.values(), **overrides}
        start = time.perf_counter()
        self.badge.value = "<i style='color:#555'>training...</i>"
        try:
            result = dict(self._compute_values(**values))
        except Exception as exc:
            result = {"error": f"{type(exc).__name__}: {exc}", "diverged": False, "message": str(exc)}
        result["values"] = values
        result["latency"] = time.perf_counter() - start
        self.badge.value = ""
        if "error" in result:
            self.set_status("&#9888; " + result["error"], error=True)
        elif result["diverged"]:
            self.set_status(status_html(result["summary"]) + f" <small>({result['latency']:.2f} s)</small>", error=True)
        else:
            self.set_status(status_html(result["summary"]) + f" <small>({result['latency']:.2f} s)</small>")
        self.result = result
        self.history.append(result)
        return result

    def run(self):
        return self.update()

    def reset(self):
        """Put every control back to its default, then retrain once."""
        self._busy = True
        try:
            for k, v in self._defaults.items():
                self.controls[k].value = v
        finally:
            self._busy = False
        return self.update()


def training_panel(X, Y, X_dev=None, Y_dev=None, *, layer_dims=(2, 20, 3, 1), learning_rate=0.01,
                   lambd=0.0, keep_prob=1.0, optimizer="adam", mini_batch_size=0, num_iterations=1000,
                   datasets=None, architectures=None, rng=None, seed=None, lr_range=(1e-4, 10.0),
                   lambd_max=2.0, max_iterations=3000, batchnorm=False, frame_interval=0.2,
                   resolution=80, title="Training panel: learning rate, L2 and dropout"):
    """Build the live training panel (see the module docstring). ``Y`` is ``(1, m)`` 0/1."""
    import ipywidgets as w
    from ..validation import check_rng
    if seed is None:
        check_rng("training_panel", rng)
        seed = int(rng.integers(2**31))
    data = {None: (X, Y, X_dev, Y_dev)}
    if datasets:
        data.update(datasets)
    archs = {None: list(layer_dims)}
    if architectures:
        archs.update({k: list(v) for k, v in architectures.items()})
    if optimizer not in OPTIMIZER_NAMES:
        raise ValueError(f"training_panel: optimizer must be one of {OPTIMIZER_NAMES}, got {optimizer!r}.")
    defaults = {"learning_rate": learning_rate, "lambd": lambd, "keep_prob": keep_prob,
                "optimizer": optimizer, "mini_batch_size": mini_batch_size, "num_iterations": num_iterations}
    controls = {
        "learning_rate": log_slider("learning_rate", learning_rate, *lr_range, readout_format=".2g"),
        "lambd": float_slider("lambd (L2)", lambd, 0.0, lambd_max, 0.01),
        "keep_prob": float_slider("keep_prob", keep_prob, 0.3, 1.0, 0.05),
        "optimizer": w.Dropdown(options=list(OPTIMIZER_NAMES), value=optimizer, description="optimizer",
                                style={"description_width": "110px"}, layout=w.Layout(width="340px")),
        "mini_batch_size": w.Dropdown(options=list(BATCH_SIZES), value=mini_batch_size,
                                      description="mini-batch", style={"description_width": "110px"},
                                      layout=w.Layout(width="340px")),
        "num_iterations": int_slider("steps", num_iterations, 50, max_iterations, 50),
    }
    if datasets:
        names = list(datasets)
        controls["dataset"] = w.Dropdown(options=names, value=names[0], description="dataset",
                                         style={"description_width": "110px"}, layout=w.Layout(width="340px"))
        defaults["dataset"] = names[0]
    if architectures:
        names = list(architectures)
        controls["architecture"] = w.Dropdown(options=names, value=names[0], description="architecture",
                                              style={"description_width": "110px"},
                                              layout=w.Layout(width="340px"))
        defaults["architecture"] = names[0]
    return TrainingPanel(controls, data, archs, defaults, seed, frame_interval=frame_interval,
                         resolution=resolution, title=title, batchnorm=batchnorm)
