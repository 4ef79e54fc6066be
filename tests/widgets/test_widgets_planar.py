"""planar_result (the work behind the c1/03 panel) and the panel itself, driven from code."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.widgets.planar import planar_result


def test_planar_result_is_deterministic_and_learns():
    a = planar_result("circles", n_h=4, learning_rate=1.2, num_iterations=600, seed=5, m=200, init_scale=0.5)
    b = planar_result("circles", n_h=4, learning_rate=1.2, num_iterations=600, seed=5, m=200, init_scale=0.5)
    assert a["train_acc"] == b["train_acc"] and a["cost"] == b["cost"]
    assert a["X_train"].shape[0] == 2 and a["X_train"].shape[1] + a["X_dev"].shape[1] == 200
    assert a["train_acc"] > 90 and "summary" in a


def test_planar_result_one_unit_underfits_circles():
    one = planar_result("circles", n_h=1, learning_rate=1.2, num_iterations=600, seed=5, m=200, init_scale=0.5)
    four = planar_result("circles", n_h=4, learning_rate=1.2, num_iterations=600, seed=5, m=200, init_scale=0.5)
    assert one["train_acc"] < four["train_acc"] - 15


@pytest.mark.parametrize("kwargs, match", [
    ({"dataset": "spiral"}, "unknown dataset"),
    ({"n_h": 0}, "n_h"),
    ({"learning_rate": -1.0}, "learning_rate"),
    ({"num_iterations": 0}, "num_iterations"),
])
def test_planar_result_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        planar_result(**kwargs)


def test_planar_panel_driven_from_code():
    pytest.importorskip("ipywidgets")
    import matplotlib
    matplotlib.use("Agg")
    panel = dl.widgets.planar_panel(np.random.default_rng(0), dataset="circles", num_iterations=300)
    assert panel.result["dataset"] == "circles" and "error" not in panel.result
    panel.controls["dataset"].value = "moons"
    assert panel.result["dataset"] == "moons" and len(panel.history) == 2
    with pytest.raises(Exception):
        dl.widgets.planar_panel(None)


def test_planar_result_reports_progress_while_it_trains():
    """The panel shows progress during a retrain of several seconds: on_progress gets rising fractions."""
    from dlutils.widgets.planar import planar_result
    seen = []
    planar_result("flower", 4, 1.2, 400, seed=0, init_scale=0.5, on_progress=seen.append)
    assert len(seen) >= 10 and seen == sorted(seen) and seen[-1] == 1.0 and seen[0] < 0.2


def test_planar_panel_names_classes_and_sets_and_reads_well():
    """The boundary plot says which colour is which class and which marker is train or dev (dev
    points are triangles); the cost curve beside it does not borrow a class colour; the summary a
    notebook prints is plain text (it used to print raw <b> tags)."""
    pytest.importorskip("ipywidgets")
    import matplotlib.pyplot as plt
    import matplotlib.colors as mcolors
    from tests.widgets.readability import assert_readable, assert_one_meaning_per_colour
    panel = dl.widgets.planar_panel(np.random.default_rng(0), dataset="circles", num_iterations=300)
    fig = plt.gcf()
    ax_b, ax_c = fig.axes
    legend = ax_b.get_legend()
    assert legend is not None and [t.get_text() for t in legend.get_texts()] == ["class 0", "class 1", "train", "dev"]
    r = panel.result
    n_dev = r["X_dev"].shape[1]
    assert sorted(len(c.get_offsets()) for c in ax_b.collections if hasattr(c, "get_offsets")
                  and len(c.get_offsets()) in (n_dev, r["X_train"].shape[1]))[:1] == [n_dev], "dev points drawn apart"
    class_colours = {mcolors.to_hex(c) for c in dl.CLASS_COLORS[:2]}
    assert mcolors.to_hex(ax_c.lines[0].get_color()) not in class_colours
    assert_readable(fig, "planar panel")
    assert_one_meaning_per_colour(fig, "planar panel")
    assert "<" not in r["summary"] and "\n" in r["summary"]
    assert "<b>train" in panel.status.value, "the status shows the first line in bold"
