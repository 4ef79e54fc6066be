"""detection_result (what the c4/05 panel computes) and the panel, driven from code."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.widgets.detection_panel import detection_result


def _decoded():
    # picture 0: a true car found twice (duplicate) and a low-score false sign; picture 1: nothing true
    b = np.array([[[0, 0, 10, 6], [0.5, 0, 10, 6], [20, 20, 26, 30]], [[1, 1, 5, 9], [2, 2, 6, 9], [0, 0, 1, 1]]], float)
    s = np.array([[0.9, 0.8, 0.3], [0.4, 0.1, 0.05]])
    c = np.array([[1, 1, 3], [2, 2, 2]])
    truth = -np.ones((2, 2, 5))
    truth[0, 0] = [1, 0, 0, 10, 6]
    return (b, s, c), truth


def test_detection_result_thresholds():
    dec, truth = _decoded()
    r = detection_result(dec, truth, 0.2, 0.5, 3)
    assert r["n_boxes"] == 3 and r["precision"] == pytest.approx(1 / 3) and r["recall"] == 1.0
    r2 = detection_result(dec, truth, 0.5, 0.5, 3)
    assert r2["n_boxes"] == 1 and r2["precision"] == 1.0
    off = detection_result(dec, truth, 0.5, 0.5, 3, nms=False)
    assert off["n_boxes"] == 2 and off["precision"] == 0.5


def test_detection_panel_driven_from_code():
    pytest.importorskip("ipywidgets")
    dec, truth = _decoded()
    images = np.zeros((8, 32, 32, 3), np.uint8)
    b, s, c = (np.concatenate([a] * 4) for a in dec)
    panel = dl.widgets.detection_panel(images, (b, s, c), np.concatenate([truth] * 4), dl.SCENE_CLASSES)
    assert "error" not in panel.result and panel.result["n_boxes"] == 4
    panel.set_values(score_threshold=0.2)
    assert panel.result["n_boxes"] == 12
    panel.set_values(iou_threshold=1.0)
    assert panel.result["n_boxes"] == 16


def test_detection_panel_has_a_colour_legend_and_reads_well():
    """The picture says which box colour is which class (the colours used to be unexplained) and
    which boxes are the truth, and its text stays readable in a notebook column."""
    pytest.importorskip("ipywidgets")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle
    from tests.widgets.readability import assert_readable
    dec, truth = _decoded()
    images = np.zeros((8, 32, 32, 3), np.uint8)
    b, s, c = (np.concatenate([a] * 4) for a in dec)
    panel = dl.widgets.detection_panel(images, (b, s, c), np.concatenate([truth] * 4), dl.SCENE_CLASSES,
                                       score_threshold=0.2)
    fig = plt.gcf()
    assert fig.legends, "no legend for the box colours"
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["found car", "found pedestrian", "found sign", "true box"]
    legend_colour = {lab.split()[-1]: h.get_edgecolor() for lab, h in zip(labels, fig.legends[0].legend_handles)
                     if lab.startswith("found")}
    # every drawn detection box has the legend's colour of its class
    drawn = [p for ax in fig.axes for p in ax.patches if isinstance(p, Rectangle) and p.get_linewidth() == 2]
    shown = [int(k) for i in range(6) for k in panel.result["detections"][i][2]]
    assert len(drawn) == len(shown) > 0
    for patch, k in zip(drawn, shown):
        assert patch.get_edgecolor() == pytest.approx(legend_colour[dl.SCENE_CLASSES[k]])
    assert any("score" in t.get_text() for t in fig.texts), "the number on a box is not explained"
    assert_readable(fig, "detection panel")
    assert "<" not in panel.result["summary"], "a notebook prints the summary: plain text"
