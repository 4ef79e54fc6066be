"""Course 3 panels: the work they do is library code (tested here without a front end), and
the panels draw once when built and update when a control changes."""
import numpy as np
import pytest

import dlutils as dl

pytest.importorskip("ipywidgets")


def test_bias_variance_result_names_the_regime():
    bias = dl.widgets.bias_variance_result(noise_pct=5, hidden_units=1, lambd=1e-4, m_train=600, seed=0)
    assert bias["dominant"] == "avoidable bias"
    var = dl.widgets.bias_variance_result(noise_pct=15, hidden_units=48, lambd=1e-4, m_train=60, seed=0)
    assert var["dominant"] == "variance"
    assert var["train_error"] < var["dev_error"] - 8


def test_bias_variance_panel_draws_and_reacts():
    panel = dl.widgets.bias_variance_panel(seed=1, hidden_units=4, m_train=200)
    assert panel.result is not None and "error" not in panel.result
    panel.controls["hidden_units"].value = 1
    assert panel.result["values"]["hidden_units"] == 1
    assert len(panel.history) == 2


def test_bias_variance_panel_names_both_gaps_and_reads_well():
    """Each gap is an arrow with its name and size beside it (a lone orange arrow used to be
    unexplained); the status is two short lines, from a plain-text summary a notebook can print."""
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    panel = dl.widgets.bias_variance_panel(seed=1, hidden_units=4, m_train=200)
    r = panel.result
    fig = plt.gcf()
    ax_b = fig.axes[0]
    texts = [t.get_text() for t in ax_b.texts]
    gaps = r["diagnosis"].gaps
    for name in ("avoidable bias", "variance"):
        assert f"{name}\n{gaps[name]:.1f}" in texts, f"the {name} arrow is not named: {texts}"
    arrows = [a for a in ax_b.texts if getattr(a, "arrow_patch", None) is not None]
    assert len(arrows) == 2, "one arrow per gap"
    assert [round(v, 1) for v in ax_b.get_ylim()][:1] == [0.0]
    assert {t.get_text() for t in ax_b.texts} >= {f"{v:.1f}" for v in (r["bayes_error"], r["train_error"], r["dev_error"])}, \
        "the bars carry their values (a one-point gap must be readable)"
    assert_readable(fig, "bias/variance panel")
    assert "<" not in r["summary"] and r["summary"].count("\n") == 1
    assert all(len(line) <= 100 for line in r["summary"].split("\n")), "each status line fits on one line"


def test_panel_progress_badge_never_wraps():
    """"training 100 %" wrapped in the old 90 px badge and the panel grew 19 px at the end of every
    retrain (seen in the browser): the badge is wider and never wraps."""
    panel = dl.widgets.bias_variance_panel(seed=1, hidden_units=2, m_train=100)
    seen = []
    panel.badge.observe(lambda ch: seen.append(ch["new"]), names="value")
    panel.controls["hidden_units"].value = 3
    progress = [v for v in seen if "training" in v]
    assert any("100 %" in v for v in progress) and all("white-space:nowrap" in v for v in progress)
    assert panel.badge.layout.width == panel.badge.layout.min_width == "110px"


def test_bias_variance_panel_shows_errors_instead_of_raising():
    panel = dl.widgets.bias_variance_panel(seed=1, hidden_units=2, m_train=100)
    r = panel.update(noise_pct=60.0)          # invalid: label noise must be below 50 %
    assert "label_noise must be below 0.5" in r["error"]


def test_quiz_panel_checks_answers():
    q = dl.Question("?", ["a", "b", "c"], 2, ["no a", "no b", "yes c"])
    panel = dl.widgets.quiz_panel(q)
    assert "(0.0" not in panel.status.value, "no latency after a quiz answer"
    assert panel.result["answered"] is False
    panel.controls["choice"].value = "a"
    assert panel.result["correct"] is False and "no a" in panel.result["message"]
    panel.controls["choice"].value = "c"
    assert panel.result["correct"] is True and "yes c" in panel.result["message"]


CANDS = [{"name": "s", "dev_acc": 80.0, "time_ms": 0.1, "memory_kb": 1.0},
         {"name": "m", "dev_acc": 90.0, "time_ms": 1.0, "memory_kb": 10.0},
         {"name": "l", "dev_acc": 92.0, "time_ms": 10.0, "memory_kb": 100.0}]


def test_satisficing_result_and_panel():
    assert dl.widgets.c3_panels.satisficing_result(CANDS, 5.0, 50.0)["chosen"] == 1
    assert dl.widgets.c3_panels.satisficing_result(CANDS, 0.01, 50.0)["chosen"] is None
    panel = dl.widgets.satisficing_panel(CANDS, max_time_ms=100, max_memory_kb=1000)
    assert panel.result["candidate"]["name"] == "l"
    panel.controls["max_memory_kb"].value = 5.0
    assert panel.result["candidate"]["name"] == "s"


def test_dev_size_panel_spread_shrinks():
    correct = np.random.default_rng(0).random(20000) < 0.9
    panel = dl.widgets.dev_size_panel(correct, seed=0, dev_size=100)
    s100 = panel.result["spread"]
    assert s100 == pytest.approx(panel.result["theory"], rel=0.25)
    panel.controls["dev_size"].value = 5000
    assert panel.result["spread"] < s100 / 4


def test_compute_panel_runs_notebook_code_and_reports_errors():
    def compute(k):
        if k > 5:
            raise ValueError("k too large")
        return {"double": 2 * k, "summary": f"k={k}"}
    panel = dl.widgets.compute_panel({"k": dl.widgets.int_slider("k", 1, 0, 10)}, compute, lambda r: None)
    assert panel.result["double"] == 2
    panel.controls["k"].value = 4
    assert panel.result["double"] == 8
    panel.controls["k"].value = 7
    assert "k too large" in panel.result["error"]


def test_bias_variance_result_reports_progress_and_same_numbers():
    """Progress (ten calls, rising to 1) and the same result as without it (records only score)."""
    from dlutils.widgets.diagnosis import bias_variance_result
    seen = []
    kw = dict(noise_pct=10.0, hidden_units=4, lambd=1e-3, m_train=100, seed=0, num_iterations=100)
    a = bias_variance_result(**kw)
    b = bias_variance_result(on_progress=seen.append, **kw)
    assert len(seen) >= 10 and seen == sorted(seen) and seen[-1] == 1.0
    assert a["train_error"] == b["train_error"] and a["dev_error"] == b["dev_error"]


def test_satisficing_and_dev_size_figures_read_well():
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable, assert_one_meaning_per_colour
    dl.widgets.satisficing_panel(CANDS, max_time_ms=100, max_memory_kb=1000)
    assert_readable(plt.gcf(), "satisficing panel")
    assert_one_meaning_per_colour(plt.gcf(), "satisficing panel")
    dl.widgets.dev_size_panel(np.random.default_rng(0).random(2000) < 0.9, seed=0, dev_size=100)
    assert_readable(plt.gcf(), "dev-size panel")
