"""c4/07 face threshold and c4/08 style transfer panels: compute functions move the right way."""
import numpy as np

import dlutils as dl
from dlutils.widgets import face_threshold_result, style_transfer_result


def test_face_threshold_result_trades_false_and_true_accepts():
    d = np.array([0.1, 0.3, 0.5, 0.4, 0.9, 1.2])
    same = np.array([1, 1, 1, 0, 0, 0])
    lo, hi = face_threshold_result(d, same, 0.2), face_threshold_result(d, same, 1.0)
    assert lo["true_accept"] == 1 / 3 and hi["true_accept"] == 1.0
    assert lo["false_accept"] == 0.0 and hi["false_accept"] == 2 / 3
    assert face_threshold_result(d, same, 0.55)["accuracy"] == 5 / 6


def test_style_result_more_beta_moves_away_from_content():
    s = dl.load_dataset("style_images")
    net = dl.random_feature_net(np.random.default_rng(1))
    C = s.test_x[0].reshape(32, 2, 32, 2, 3).mean((1, 3)) / 255
    S = s.train_x[0].reshape(32, 2, 32, 2, 3).mean((1, 3)) / 255
    a = style_transfer_result(net, C, S, 10.0, 40.0, 0.4, 0.3, 0.3, iterations=20)
    b = style_transfer_result(net, C, S, 10.0, 4000.0, 0.4, 0.3, 0.3, iterations=20)
    assert b["content_cost"] > a["content_cost"] and b["style_cost"] < a["style_cost"]
    assert a["image"].shape == (32, 32, 3)


def test_face_panel_shows_both_kinds_of_pair_and_reads_well():
    """The first 8 pairs of the data were all same-person pairs, so no false accept could be seen:
    half the pairs shown are different-person pairs; green/red is explained."""
    import pytest
    pytest.importorskip("ipywidgets")
    import matplotlib.pyplot as plt
    from dlutils.widgets import face_threshold_panel
    from tests.widgets.readability import assert_readable
    rng = np.random.default_rng(0)
    same = np.r_[np.ones(10), np.zeros(10)].astype(bool)
    d = np.where(same, 0.3, 1.2) + rng.uniform(-0.2, 0.2, 20)
    imgs = rng.uniform(0, 1, (20, 8, 8, 3))
    panel = face_threshold_panel(d, same, imgs, imgs, threshold=0.7)
    fig = plt.gcf()
    titles = [a.get_title() for a in fig.axes if a.get_title()]
    assert sum(t.startswith("same") for t in titles) == 4 and sum(t.startswith("different") for t in titles) == 4
    assert any("green = right" in t.get_text() for t in fig.texts)
    assert_readable(fig, "face panel")
    assert "<" not in panel.result["summary"]


def test_style_panel_compares_like_for_like():
    """Content, style and the generated image are drawn at the preview's size (32x32: at 16x16 every
    setting gave the same coloured noise)."""
    import pytest
    pytest.importorskip("ipywidgets")
    import matplotlib.pyplot as plt
    from dlutils.widgets import style_transfer_panel
    from tests.widgets.readability import assert_readable
    s = dl.load_dataset("style_images")
    net = dl.random_feature_net(np.random.default_rng(1))
    C = s.test_x[0].reshape(32, 2, 32, 2, 3).mean((1, 3)) / 255
    S = s.train_x[0].reshape(32, 2, 32, 2, 3).mean((1, 3)) / 255
    panel = style_transfer_panel(net, C, S)
    shapes = [a.images[0].get_array().shape for a in plt.gcf().axes]
    assert shapes == [(32, 32, 3)] * 3
    assert panel.result["style_fall"] > 5, "60 steps lower the style cost several times over"
    assert_readable(plt.gcf(), "style panel")
