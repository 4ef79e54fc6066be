"""The c5/01 gradient-by-distance panel: its numbers come from dl.gradient_norm_by_distance."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.widgets.recurrent_gradients import gradient_distance_result

pytest.importorskip("ipywidgets")


def test_result_holds_every_cell_and_the_value_20_steps_back():
    r = gradient_distance_result("all", 30, 1.0)
    assert set(r["norms"]) == {"rnn", "gru", "lstm"} and r["k"] == 20
    assert r["at_20"]["lstm"] > r["at_20"]["rnn"]
    np.testing.assert_allclose(r["norms"]["rnn"], dl.gradient_norm_by_distance("rnn", 30, np.random.default_rng(0)))
    short = gradient_distance_result("gru", 10, 1.0)
    assert short["k"] == 9 and set(short["norms"]) == {"gru"}


def test_panel_redraws_and_moves_the_right_way():
    panel = dl.widgets.gradient_distance_panel(T_x=30)
    before = panel.result["at_20"]["rnn"]
    panel.controls["scale"].value = 4.0
    assert panel.result["values"]["scale"] == 4.0 and panel.result["at_20"]["rnn"] > 1e3 * before
    panel.controls["cell"].value = "lstm"
    assert set(panel.result["norms"]) == {"lstm"} and "error" not in panel.result
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    assert_readable(plt.gcf(), "gradient distance panel")
