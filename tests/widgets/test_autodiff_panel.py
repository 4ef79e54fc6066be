"""The c2/08 autodiff panel: its work is plain library code (autodiff_result), tested here."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.widgets.autodiff_panel import autodiff_result

pytest.importorskip("ipywidgets")


@pytest.fixture
def moons():
    d = dl.load_dataset("moons")
    return d.train_x, d.train_y, d.test_x, d.test_y


def test_more_units_beat_one_and_runs_are_reproducible(moons):
    r8 = autodiff_result(*moons, hidden_units=8, learning_rate=0.5, num_iterations=300, seed=0)
    r8b = autodiff_result(*moons, hidden_units=8, learning_rate=0.5, num_iterations=300, seed=0)
    r1 = autodiff_result(*moons, hidden_units=1, learning_rate=0.5, num_iterations=300, seed=0)
    assert r8["costs"] == r8b["costs"]
    assert r8["test_acc"] > r1["test_acc"] + 3 and r8["costs"][-1] < r8["costs"][0]


def test_a_huge_learning_rate_is_reported_not_plotted(moons):
    r = autodiff_result(*moons, hidden_units=8, learning_rate=500.0, num_iterations=300, seed=0)
    assert r["diverged"] and "learning rate too large" in r["error"] and "test_acc" not in r


def test_points_given_as_rows_get_a_fix_it_message(moons):
    X, Y, Xd, Yd = moons
    with pytest.raises(ValueError, match=r"autodiff_result: X must be \(2, m\).*did you mean X.T"):
        autodiff_result(X.T, Y, Xd, Yd, hidden_units=2, learning_rate=0.1, num_iterations=5)


def test_panel_redraws_on_a_slider_change(moons):
    panel = dl.widgets.autodiff_panel(*moons, hidden_units=8, num_iterations=300)
    before = panel.result["costs"]
    panel.controls["hidden_units"].value = 1
    assert panel.result["values"]["hidden_units"] == 1 and panel.result["costs"][-1] > before[-1]


def test_panel_reads_well_and_its_cost_curve_is_not_a_class_colour(moons):
    import matplotlib.colors as mcolors
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable, assert_one_meaning_per_colour
    panel = dl.widgets.autodiff_panel(*moons, hidden_units=8, num_iterations=100)
    fig = plt.gcf()
    assert mcolors.to_hex(fig.axes[1].lines[0].get_color()) not in {mcolors.to_hex(c) for c in dl.CLASS_COLORS[:2]}, \
        "blue means class 1 in the plot beside the cost curve"
    assert_one_meaning_per_colour(fig, "autodiff panel")
    assert_readable(fig, "autodiff panel")
    assert "<" not in panel.result["summary"] and panel.result["summary"].count("\n") == 1
