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
