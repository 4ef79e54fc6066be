"""The panel machinery every widget shares: controls, one Output, a status line, a result.

A panel is built from a dict of ipywidgets controls and a ``compute(**values) -> dict``
function (ordinary library code, unit-tested on its own) plus a ``draw(result)`` that
plots into the panel's Output. Rules (CONTRIBUTING.md, "Widgets"):

- it draws once with the default values when built;
- every committed control change recomputes and redraws (``continuous_update=False``);
- the last result (values used, metrics, latency) stays in ``panel.result``;
- a callback never raises into the front end: errors and divergence become a message in
  the status line and in ``panel.result["error"]``;
- the layout does not jump while it recomputes: "running..." (or the progress a panel reports
  with ``set_badge``, e.g. "training 40 %") shows in a fixed-width, non-wrapping badge beside
  the status line, which keeps the last summary until the new one is ready, and the status
  line has a fixed minimum height (two lines);
- a ``summary`` is plain text, the same a notebook prints: a newline splits it into a bold
  headline (the outcome) and a small second line (the settings or details); keep each line
  under ~100 characters so the status never wraps to a third line (``status_html``).
"""
import time

__all__ = ["Panel", "log_slider", "int_slider", "float_slider", "status_html"]

BADGE_WIDTH = "110px"     # "training 100 %" in italics fits on one line


def status_html(summary):
    """The status line's HTML for a plain-text ``summary``: ``"headline\ndetails"`` becomes a bold
    headline over a small line; a summary without a newline is shown as it is."""
    if "\n" not in summary:
        return summary
    head, rest = summary.split("\n", 1)
    return f"<b>{head}</b><br><small>{rest.replace(chr(10), '<br>')}</small>"


def _w():
    import ipywidgets as widgets
    return widgets


def log_slider(description, value, low, high, readout_format=".1e", width="340px"):
    """A ``FloatLogSlider`` from ``low`` to ``high`` (powers of ten), committing on release."""
    import math
    w = _w()
    return w.FloatLogSlider(value=value, base=10, min=math.log10(low), max=math.log10(high), step=0.05,
                            description=description, continuous_update=False,
                            readout_format=readout_format, style={"description_width": "110px"},
                            layout=w.Layout(width=width))


def float_slider(description, value, low, high, step, width="340px", readout_format=".2f"):
    w = _w()
    return w.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                         continuous_update=False, readout_format=readout_format,
                         style={"description_width": "110px"}, layout=w.Layout(width=width))


def int_slider(description, value, low, high, step=1, width="340px"):
    w = _w()
    return w.IntSlider(value=value, min=low, max=high, step=step, description=description,
                       continuous_update=False, style={"description_width": "110px"},
                       layout=w.Layout(width=width))


class Panel:
    """Controls + status + Output, recomputed on every change. See the module docstring."""

    def __init__(self, controls, compute, draw, title="", columns=2, run_button=False, show_latency=True):
        w = _w()
        self.controls = dict(controls)
        self._compute, self._draw = compute, draw
        self.out = w.Output(layout=w.Layout(min_height="300px"))
        self.status = w.HTML(value="", layout=w.Layout(min_height="2.8em", flex="1 1 auto"))
        self.badge = w.HTML(value="", layout=w.Layout(width=BADGE_WIDTH, min_width=BADGE_WIDTH))
        self.show_latency = show_latency
        self.result = None
        self.history = []          # every result, oldest first (for comparisons)
        rows = []
        items = list(self.controls.values())
        for i in range(0, len(items), columns):
            rows.append(w.HBox(items[i:i + columns]))
        header = [w.HTML(f"<b>{title}</b>")] if title else []
        if run_button:
            self.run_button = w.Button(description="Run", button_style="primary")
            self.run_button.on_click(lambda _: self.update())
            rows.append(self.run_button)
        else:
            for c in items:
                c.observe(self._on_change, names="value")
        self.widget = w.VBox(header + rows + [w.HBox([self.badge, self.status]), self.out])
        self.defaults = self.values()
        self._suspended = False
        self.update()

    # what the kernel runs when a control changes
    def _on_change(self, change):
        if not self._suspended:
            self.update()

    def set_values(self, **values):
        """Set several controls at once with ONE recompute (a slider move each would retrain each time)."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"Panel.set_values: no control named {unknown}; the controls are {sorted(self.controls)}.")
        self._set_quietly(values)
        return self.update()

    def _set_quietly(self, values):
        """Move the controls without running the callback once per control."""
        self._suspended = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._suspended = False

    def restore_defaults(self):
        """Put every control back to the value it was built with, so a panel that cells below drove
        from code opens, for the reader, at the values the text describes. The result computed at
        build time is drawn again rather than recomputed (a panel's result depends only on its
        values: fixed seeds), so restoring a panel that trains costs a redraw, not a retrain."""
        first = self.history[0] if self.history else None
        if first is None or first.get("values") != self.defaults or type(self).update is not Panel.update:
            return self.set_values(**self.defaults)
        self._set_quietly(self.defaults)
        return self._show({k: v for k, v in first.items() if k != "latency"}, time.perf_counter())

    def values(self):
        return {k: c.value for k, c in self.controls.items()}

    def set_badge(self, text):
        """Progress while the panel works ("training 40 %"), in the fixed-width badge beside the
        status line; one line whatever the text, so the panel keeps its height. ``""`` clears it."""
        self.badge.value = f"<i style='color:#555;white-space:nowrap'>{text}</i>" if text else ""

    def set_status(self, text, error=False):
        color = "#b00020" if error else "#333"
        self.status.value = f"<span style='color:{color}'>{text}</span>"

    def update(self, **overrides):
        """Recompute with the current control values (or ``overrides``) and redraw."""
        values = {**self.values(), **overrides}
        start = time.perf_counter()
        self.set_badge("running...")
        try:
            result = dict(self._compute(**values))
        except Exception as exc:  # shown in the panel, never raised into the front end
            result = {"error": f"{type(exc).__name__}: {exc}"}
        result["values"] = values
        return self._show(result, start)

    def _show(self, result, start):
        """Draw ``result`` into the Output, set the status line, record it as ``self.result``."""
        from IPython.display import clear_output
        import matplotlib.pyplot as plt
        with self.out:
            clear_output(wait=True)
            if "error" not in result:
                try:
                    self._draw(result)
                    plt.show()
                except Exception as exc:
                    plt.close("all")
                    result["error"] = f"{type(exc).__name__} while drawing: {exc}"
        result["latency"] = time.perf_counter() - start
        self.set_badge("")
        if "error" in result:
            self.set_status("&#9888; " + result["error"], error=True)
        else:
            latency = f" <small>({result['latency']:.2f} s)</small>" if self.show_latency else ""
            self.set_status(status_html(result.get("summary", "")) + latency)
        self.result = result
        self.history.append(result)
        return result

    def _ipython_display_(self):
        from IPython.display import display
        display(self.widget)
