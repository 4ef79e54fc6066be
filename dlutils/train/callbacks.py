"""Callbacks for ``Sequential.fit`` and ``dl.train``: early stopping and a progress display.

A callback is any callable ``(history, model) -> None | False`` run at every record; returning
``False`` stops training. Taught in: c2/07_softmax_and_model_api, c3/01_goals_and_metrics.
"""
import sys
import time

__all__ = ["EarlyStopping", "ProgressBar"]


class EarlyStopping:
    """Stop when ``monitor`` ('dev_cost', 'cost', 'dev_acc', 'train_acc') has not improved for
    ``patience`` records; with ``restore_best`` the parameters of the best record are put back.

    ``best_step`` / ``stopped_step``: ``history.iterations`` of the best and of the last record."""

    def __init__(self, monitor="dev_cost", patience=5, min_delta=0.0, restore_best=True):
        if monitor not in ("dev_cost", "cost", "dev_acc", "train_acc"):
            raise ValueError(f"EarlyStopping: monitor must be 'dev_cost', 'cost', 'dev_acc' or "
                             f"'train_acc', got {monitor!r}.")
        self.monitor, self.patience, self.min_delta = monitor, int(patience), float(min_delta)
        self.restore_best = restore_best
        self.best, self.best_step, self.best_params, self.wait = None, None, None, 0
        self.stopped_step = None

    def __call__(self, history, model):
        series = {"dev_cost": history.dev_costs, "cost": history.costs,
                  "dev_acc": history.dev_acc, "train_acc": history.train_acc}[self.monitor]
        if not series:
            raise ValueError(f"EarlyStopping: nothing recorded for {self.monitor!r}; give X_dev/Y_dev "
                             f"to fit, or monitor='cost'.")
        value = series[-1]
        sign = 1 if self.monitor.endswith("cost") else -1
        if self.best is None or sign * (self.best - value) > self.min_delta:
            self.best, self.best_step, self.wait = value, history.iterations[-1], 0
            if self.restore_best:
                self.best_params = {k: v.copy() for k, v in model.params.items()}
            return True
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_step = history.iterations[-1]
            if self.restore_best and self.best_params is not None:
                for k, v in self.best_params.items():
                    model.params[k][...] = v
            return False
        return True


class ProgressBar:
    """Progress display for ``fit``: an ipywidgets bar in a notebook, a text line elsewhere.

    ``after`` seconds: nothing is shown for shorter fits (``verbose='auto'``).
    """

    def __init__(self, total_epochs, after=2.0):
        self.total, self.after = max(1, int(total_epochs)), after
        self.start = time.perf_counter()
        self.bar = self.label = None
        self.shown = False

    def _in_notebook(self):
        shell = sys.modules.get("IPython") and getattr(sys.modules["IPython"], "get_ipython", lambda: None)()
        return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"

    def line(self, history):
        f = history.final
        dev = f", dev acc {f['dev_acc']:.1f}%" if f["dev_acc"] is not None else ""
        return (f"epoch {history.epochs[-1] + 1}/{self.total}: cost {f['cost']:.4f}, train acc "
                f"{f['train_acc']:.1f}%{dev} ({time.perf_counter() - self.start:.1f} s)")

    def __call__(self, history, model):
        if not self.shown and time.perf_counter() - self.start < self.after:
            return True
        text = self.line(history)
        if not self.shown:
            self.shown = True
            if self._in_notebook():
                try:
                    import ipywidgets as w
                    from IPython.display import display
                    self.bar = w.IntProgress(min=0, max=self.total, description="fit")
                    self.label = w.HTML()
                    display(w.HBox([self.bar, self.label]))
                except ImportError:  # pragma: no cover
                    self.bar = None
        if self.bar is not None:
            self.bar.value = history.epochs[-1] + 1
            self.label.value = text
        else:
            print("\r" + text, end="", flush=True)
        return True

    def close(self, history):
        if self.shown and self.bar is None:
            print()
