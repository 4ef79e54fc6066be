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
