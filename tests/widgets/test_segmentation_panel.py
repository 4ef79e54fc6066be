"""segmentation_result (what the c4/06 panel computes) and the panel, driven from code."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.widgets.segmentation_panel import segmentation_result


def test_result_and_panel():
    masks = np.zeros((6, 4, 4), int)
    masks[:, :2, :2] = 1
    good, bad = masks.copy(), np.zeros_like(masks)
    r = segmentation_result(masks, {"good": good, "bad": bad}, 0, n_show=2, n_classes=2)
    assert r["iou"]["good"] == 1.0 and r["iou"]["bad"] == pytest.approx(0.75 / 2)
    pytest.importorskip("ipywidgets")
    images = np.zeros((6, 4, 4, 3), np.uint8)
    panel = dl.widgets.segmentation_panel(images, masks, {"good": good, "bad": bad}, ("background", "car"), n_show=2)
    assert "error" not in panel.result and panel.result["first"] == 0
    panel.set_values(first=3)
    assert panel.result["first"] == 3 and panel.result["iou_shown"]["good"] == 1.0


def test_legend_names_the_classes_and_reads_well():
    pytest.importorskip("ipywidgets")
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    masks = np.zeros((6, 4, 4), int)
    masks[:, :2, :2] = 1
    panel = dl.widgets.segmentation_panel(np.zeros((6, 4, 4, 3), np.uint8), masks, {"U-Net": masks},
                                          ("background", "car", "pedestrian", "sign"))
    fig = plt.gcf()
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]
    assert [t.get_text() for t in legends[0].get_texts()] == ["background", "car", "pedestrian", "sign"]
    assert_readable(fig, "segmentation panel")
    assert "<" not in panel.result["summary"]
