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
    assert a["image"].shape == (16, 16, 3)
