"""Widget panels work in a plain Python process (ipywidgets needs no front end):
built once with defaults, recomputed synchronously when a control changes, errors and
divergence shown in the panel instead of raised."""
import warnings

import numpy as np
import pytest

import dlutils as dl
from dlutils.widgets import Panel, float_slider, int_slider, log_slider, learning_rate_panel
from dlutils.widgets import learning_rate_result

pytest.importorskip("ipywidgets")


@pytest.fixture(autouse=True)
def _quiet_agg_show():
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*non-interactive.*", category=UserWarning)
        yield


def _square_panel(**kw):
    draws = []

    def compute(n, scale):
        if n == 13:
            raise RuntimeError("unlucky")
        return {"value": n * n * scale, "summary": f"n={n}"}

    def draw(result):
        import matplotlib.pyplot as plt
        draws.append(result["value"])
        plt.plot([0, 1], [0, result["value"]])

    controls = {"n": int_slider("n", 3, 0, 20), "scale": float_slider("scale", 1.0, 0.5, 2.0, 0.5)}
    return Panel(controls, compute, draw, title="squares", **kw), draws


def test_sliders_commit_on_release():
    s = log_slider("learning_rate", 0.01, 1e-4, 1.0)
    assert s.value == pytest.approx(0.01) and s.min == pytest.approx(-4) and s.max == pytest.approx(0)
    assert not s.continuous_update
    assert not int_slider("n", 3, 0, 9).continuous_update
    assert not float_slider("x", 0.5, 0, 1, 0.1).continuous_update


def test_panel_draws_once_when_built():
    panel, draws = _square_panel()
    assert draws == [9.0]
    assert panel.result["value"] == 9.0 and panel.result["values"] == {"n": 3, "scale": 1.0}
    assert "n=3" in panel.status.value
    assert panel.result["latency"] >= 0
    assert panel.widget.children  # a VBox that a notebook displays


def test_setting_a_control_recomputes_synchronously():
    panel, draws = _square_panel()
    panel.controls["n"].value = 5
    assert panel.result["value"] == 25.0 and draws[-1] == 25.0
    panel.controls["scale"].value = 2.0
    assert panel.result["value"] == 50.0
    assert [r["value"] for r in panel.history] == [9.0, 25.0, 50.0]
    assert panel.update(n=2)["value"] == 8.0     # overrides, e.g. for a comparison


def test_compute_error_is_shown_not_raised():
    panel, draws = _square_panel()
    panel.controls["n"].value = 13              # compute raises RuntimeError
    assert panel.result["error"] == "RuntimeError: unlucky"
    assert "unlucky" in panel.status.value and "#b00020" in panel.status.value
    assert draws == [9.0]                       # nothing drawn for the failed result
    panel.controls["n"].value = 4               # and the panel recovers
    assert "error" not in panel.result and panel.result["value"] == 16.0


def test_draw_error_is_shown_not_raised():
    def draw(result):
        raise KeyError("missing")

    panel = Panel({"n": int_slider("n", 1, 0, 3)}, lambda n: {"value": n}, draw)
    assert panel.result["error"].startswith("KeyError while drawing")


def test_run_button_mode_waits_for_the_button():
    panel, draws = _square_panel(run_button=True)
    panel.controls["n"].value = 6
    assert panel.result["value"] == 9.0          # not recomputed yet
    panel.run_button.click()
    assert panel.result["value"] == 36.0


# ---- the learning-rate panel --------------------------------------------------------------
def _leaky_net_factory(rng):
    init = dl.DeepNet([2, 20, 20, 1], hidden_activation="leaky_relu", rng=rng).params
    return lambda: dl.DeepNet([2, 20, 20, 1], hidden_activation="leaky_relu", params=init)


def test_learning_rate_result_plain_function(rng):
    X, Y = dl.make_moons(rng, m=80)
    res = learning_rate_result(lambda: dl.LogisticRegression(2), X, Y, X[:, :20], Y[:, :20],
                               learning_rate=0.5, num_iterations=100)
    assert not res["diverged"] and res["cost"] < 0.69 and res["dev_acc"] is not None
    assert "learning_rate=0.5" in res["summary"]


def test_learning_rate_panel_shows_progress_and_reads_well(rng):
    """A run of a second or more (c1/02 takes ~1.9 s) says how far it is in the badge; the status
    is a bold outcome over the settings; curves in greys/black, text readable."""
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    X, Y = dl.make_moons(rng, m=100)
    panel = learning_rate_panel(_leaky_net_factory(rng), X, Y, X[:, :30], Y[:, :30], learning_rate=1e-2,
                                num_iterations=200)
    seen = []
    panel.badge.observe(lambda ch: seen.append(ch["new"]), names="value")
    panel.controls["num_iterations"].value = 250
    fractions = [int(m.group(1)) for v in seen for m in [__import__("re").search(r"training (\d+) %", v)] if m]
    assert len(fractions) >= 10 and fractions == sorted(fractions) and fractions[-1] == 100
    assert "<b>final cost" in panel.status.value and "<" not in panel.result["summary"]
    assert_readable(plt.gcf(), "learning-rate panel")
    seen_progress = []
    learning_rate_result(lambda: dl.LogisticRegression(2), X, Y, learning_rate=0.1, num_iterations=100,
                         on_progress=seen_progress.append)
    assert seen_progress[-1] == 1.0 and len(seen_progress) >= 10


def test_learning_rate_panel_moves_the_right_way(rng):
    X, Y = dl.make_moons(rng, m=100)
    panel = learning_rate_panel(_leaky_net_factory(rng), X, Y, learning_rate=1e-3, num_iterations=100,
                                lr_range=(1e-4, 100.0))
    slow = panel.result["cost"]
    assert "error" not in panel.result
    panel.controls["learning_rate"].value = 0.1
    assert panel.result["cost"] < slow        # a better learning rate lowers the final cost
    panel.controls["num_iterations"].value = 300
    assert panel.result["num_iterations"] == 300


def test_learning_rate_panel_divergence_is_a_message(rng):
    X, Y = dl.make_moons(rng, m=100)
    panel = learning_rate_panel(_leaky_net_factory(rng), X, Y, learning_rate=0.01, num_iterations=100,
                                lr_range=(1e-4, 100.0))
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        panel.controls["learning_rate"].value = 30.0
    res = panel.result
    assert res["diverged"] and "learning rate too large" in res["error"]
    assert "learning rate too large" in panel.status.value
    panel.controls["learning_rate"].value = 0.01
    assert "error" not in panel.result


def test_running_badge_leaves_the_status_line_alone_so_the_layout_does_not_jump():
    """While a panel recomputes, "running..." goes in a fixed-width badge; the status keeps the
    last summary (swapping it for a one-line text made panels jump 29-75 px on every retrain)."""
    seen, holder = {}, {}

    def compute(n):
        if "panel" in holder:   # the first draw runs inside the constructor
            seen["status during compute"] = holder["panel"].status.value
            seen["badge during compute"] = holder["panel"].badge.value
        return {"summary": f"n={n} and a second clause"}

    panel = holder["panel"] = Panel({"n": int_slider("n", 3, 1, 5)}, compute, lambda r: None)
    panel.controls["n"].value = 4
    assert "running" in seen["badge during compute"]
    assert "n=3 and a second clause" in seen["status during compute"]
    assert panel.badge.value == "" and "n=4" in panel.status.value
    assert panel.status.layout.min_height and panel.badge.layout.width == "110px"


def test_a_two_line_summary_is_a_bold_headline_over_a_small_line():
    """Summaries are plain text (notebooks print them); the status line renders the newline."""
    from dlutils.widgets import status_html
    assert status_html("train 90 %\nlr=0.1, 100 steps") == "<b>train 90 %</b><br><small>lr=0.1, 100 steps</small>"
    assert status_html("one line") == "one line"
    panel = Panel({"n": int_slider("n", 3, 1, 5)}, lambda n: {"summary": f"n={n}\ndetails"}, lambda r: None)
    assert panel.status.value.startswith("<span style='color:#333'><b>n=3</b><br><small>details</small>")
    quiet = Panel({"n": int_slider("n", 3, 1, 5)}, lambda n: {"summary": "x"}, lambda r: None, show_latency=False)
    assert quiet.status.value == "<span style='color:#333'>x</span>"


def test_set_values_recomputes_once_and_restore_defaults_goes_back():
    calls = []

    def compute(a, b):
        calls.append((a, b))
        return {"summary": f"a={a}, b={b}"}

    panel = Panel({"a": int_slider("a", 1, 0, 9), "b": int_slider("b", 2, 0, 9)}, compute, lambda r: None)
    panel.set_values(a=5, b=7)
    assert calls == [(1, 2), (5, 7)], "two controls changed, one recompute"
    panel.controls["a"].value = 3
    assert len(calls) == 3
    restored = panel.restore_defaults()
    assert len(calls) == 3, "restoring redraws the build-time result, it does not recompute"
    assert panel.values() == {"a": 1, "b": 2} and "a=1, b=2" in panel.status.value
    assert restored["values"] == {"a": 1, "b": 2} and panel.result is restored
    panel.controls["b"].value = 4                 # still live afterwards: one recompute
    assert calls[-1] == (1, 4) and len(calls) == 4
    with pytest.raises(ValueError, match=r"Panel.set_values: no control named \['c'\]"):
        panel.set_values(c=1)
