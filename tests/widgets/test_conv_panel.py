"""conv_feature_map (the work behind the c4/01 panel), the filter parser, and the panel driven from code."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.widgets.conv_panel import CONV_FILTERS, conv_feature_map, parse_filter, to_gray


def _step_image():
    img = np.zeros((16, 16, 3), dtype=np.uint8)
    img[:, :8] = 200                                   # bright left half: one vertical edge
    return img


def test_vertical_filter_sees_the_vertical_edge_only():
    img = _step_image()
    v = conv_feature_map(img, CONV_FILTERS["vertical edge"])
    h = conv_feature_map(img, CONV_FILTERS["horizontal edge"])
    assert v["shape"] == (14, 14) and h["mean_abs"] == 0.0
    cols = np.nonzero(np.abs(v["feature_map"]).sum(axis=0))[0]
    assert list(cols) == [6, 7], "the response sits on the two windows that straddle the edge"
    np.testing.assert_allclose(v["feature_map"][:, 6], 3 * 200 / 255 * 1.0, rtol=1e-6)


@pytest.mark.parametrize("stride, pad, shape", [(1, "valid", (14, 14)), (1, "same", (16, 16)), (2, 1, (8, 8)),
                                                (3, 0, (5, 5)), (2, "same", (8, 8))])
def test_shapes_follow_the_formula(stride, pad, shape):
    assert conv_feature_map(_step_image(), CONV_FILTERS["Sobel vertical"], stride, pad)["shape"] == shape


def test_parse_filter_and_gray():
    np.testing.assert_array_equal(parse_filter("1 0 -1; 2 0 -2\n1, 0, -1"), CONV_FILTERS["Sobel vertical"])
    with pytest.raises(ValueError, match=r"parse_filter: a filter is square"):
        parse_filter("1 2; 3")
    with pytest.raises(ValueError, match=r"parse_filter: could not read numbers"):
        parse_filter("1 x 2; 3 4 5; 6 7 8")
    gray = to_gray(np.full((4, 4, 3), 255, dtype=np.uint8))
    np.testing.assert_allclose(gray, 1.0)
    with pytest.raises(ValueError, match=r"to_gray: expected one image"):
        to_gray(np.zeros((2, 4, 4, 3)))


def test_conv_panel_driven_from_code():
    pytest.importorskip("ipywidgets")
    import matplotlib
    matplotlib.use("Agg")
    images = np.stack([_step_image(), _step_image().transpose(1, 0, 2)])
    panel = dl.widgets.conv_panel(images, ["vertical edge", "horizontal edge"])
    r0 = panel.result
    assert "error" not in r0 and r0["shape"] == (14, 14) and r0["mean_abs"] > 0
    panel.controls["index"].value = 1                       # the transposed image has a horizontal edge
    assert panel.result["mean_abs"] == 0.0
    panel.controls["filter_name"].value = "horizontal edge"
    assert panel.result["mean_abs"] == pytest.approx(r0["mean_abs"])
    panel.controls["stride"].value = 2
    assert panel.result["shape"] == (7, 7)
    panel.controls["pad"].value = "same"
    assert panel.result["shape"] == (8, 8)
    panel.controls["filter_name"].value = "typed 3x3 (below)"
    panel.controls["typed"].value = "1 2; 3"                 # a bad filter is shown, never raised
    assert "square" in panel.result["error"]
    panel.controls["typed"].value = "0 0 0; 0 1 0; 0 0 0"
    assert "error" not in panel.result and panel.result["shape"] == (8, 8)
    with pytest.raises(ValueError, match=r"conv_panel: images must be \(m, n_H, n_W, n_C\)"):
        dl.widgets.conv_panel(_step_image())


def test_the_filter_has_its_own_axes_and_nothing_overlaps():
    """The filter's numbers used to be printed between the two pictures, over the feature map's
    'row' label: the image, the filter and the feature map (with its colour bar) now sit side by
    side without overlapping, and the text reads well."""
    pytest.importorskip("ipywidgets")
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    images = np.stack([_step_image(), _step_image().transpose(1, 0, 2)])
    dl.widgets.conv_panel(images, ["vertical edge", "horizontal edge"])
    fig = plt.gcf()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax_i, ax_k, ax_z = fig.axes[:3]
    assert [t.get_text() for t in ax_k.texts] == [f"{v:.2g}" for v in np.ravel(CONV_FILTERS["vertical edge"])]
    assert any(a.get_ylabel().startswith("z") for a in fig.axes[3:]), "a colour bar says what red and blue mean"
    boxes = [a.get_tightbbox(renderer) for a in (ax_i, ax_k, ax_z)]
    for j in range(3):
        for k in range(j + 1, 3):
            assert boxes[j].x1 <= boxes[k].x0 + 1 or boxes[k].x1 <= boxes[j].x0 + 1, "two parts of the figure overlap"
    assert_readable(fig, "convolution panel")
