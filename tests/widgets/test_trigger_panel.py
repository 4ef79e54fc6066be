"""The trigger-word threshold panel: draws at defaults, re-thresholds on a slider change,
keeps its result; the result function is plain library code."""
import warnings

import numpy as np
import pytest

import dlutils as dl

pytest.importorskip("ipywidgets")


@pytest.fixture(autouse=True)
def _quiet_agg_show():
    import matplotlib
    matplotlib.use("Agg")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*non-interactive.*", category=UserWarning)
        yield


def _outputs():
    Y = np.zeros((1, 4, 30))
    Y[0, 0, 10:18] = 1
    Y[0, 1, 5:13] = 1
    P = np.full(Y.shape, 0.1)
    P[0, 0, 11:18] = 0.9             # a good detection, one step late
    P[0, 1, 5:13] = 0.55             # a weak one
    P[0, 2, 20:22] = 0.4             # a near miss on a clip without the trigger
    return P, Y


def test_result_is_library_code():
    P, Y = _outputs()
    r = dl.widgets.trigger_threshold_result(P, Y, 0.5)
    s = dl.per_step_scores(P > 0.5, Y)
    assert (r["precision"], r["recall"], r["f1"]) == (s["precision"], s["recall"], s["f1"])
    assert r["false_alarms"] == 0 and r["clips_without_trigger"] == 2 and r["detections"] == [11]
    r = dl.widgets.trigger_threshold_result(P, Y, 0.3, example=2)
    assert r["false_alarms"] == 1 and r["detections"] == [20]
    with pytest.raises(ValueError, match="must both be"):
        dl.widgets.trigger_threshold_result(P[0], Y[0], 0.5)


def test_panel_draws_at_defaults_and_follows_the_slider():
    P, Y = _outputs()
    panel = dl.widgets.trigger_threshold_panel(P, Y, threshold=0.5, example=1)
    base = panel.result
    assert "error" not in base and base["threshold"] == 0.5 and base["detections"] == [5]
    panel.controls["threshold"].value = 0.6
    high = panel.result
    assert high["threshold"] == 0.6 and high["recall"] < base["recall"] and high["detections"] == []
    panel.controls["threshold"].value = 0.35
    low = panel.result
    assert low["false_alarms"] == 1 and low["precision"] < base["precision"]
    panel.controls["example"].value = 0
    assert panel.result["detections"] == [11] and len(panel.history) == 4


def test_panel_colours_mean_one_thing_and_text_reads_well():
    """Blue was the model output in the clip plot and precision beside it, orange the chime and
    recall: each colour now has one meaning across the two plots."""
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable, assert_one_meaning_per_colour
    P, Y = _outputs()
    panel = dl.widgets.trigger_threshold_panel(P, Y, threshold=0.5, example=0)
    fig = plt.gcf()
    assert_one_meaning_per_colour(fig, "trigger panel")
    assert_readable(fig, "trigger panel")
    assert "<" not in panel.result["summary"] and all(len(s) <= 100 for s in panel.result["summary"].split("\n"))
