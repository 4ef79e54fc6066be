import numpy as np
import pytest

import dlutils as dl

ANCHORS = np.array([[12.0, 7.0], [6.0, 12.0]])


def _truth():
    t = -np.ones((2, 3, 5))
    t[0, 0] = [1, 2, 3, 14, 10]
    t[0, 1] = [2, 20, 10, 26, 22]
    t[1, 0] = [3, 16, 16, 22, 30]
    return t


def test_anchor_assignment_and_encoding():
    i, j, k = dl.assign_anchors(np.array([[2, 3, 14, 10], [20, 10, 26, 22.0]]), ANCHORS, 4, 32)
    np.testing.assert_array_equal(i, [0, 2])
    np.testing.assert_array_equal(j, [1, 2])
    np.testing.assert_array_equal(k, [0, 1])
    T = dl.encode_yolo_targets(_truth(), ANCHORS, 4, 32, 3)
    assert T.obj.sum() == 3
    assert T.cls[0, 2, 2, 1] == 1
    np.testing.assert_allclose(T.box[0, 0, 1, 0], [0.0, 6.5 / 8, np.log(12 / 12), np.log(7 / 7)])


def test_encode_decode_round_trip():
    T = dl.encode_yolo_targets(_truth(), ANCHORS, 4, 32, 3)
    O = np.zeros((2, 4, 4, 2, 8))
    O[..., 0] = np.where(T.obj > 0, 10.0, -10.0)
    p = np.clip(T.box[..., :2], 1e-6, 1 - 1e-6)
    O[..., 1:3] = np.log(p / (1 - p))
    O[..., 3:5] = T.box[..., 2:]
    O[..., 5:] = 10 * np.eye(3)[T.cls]
    b, s, c = dl.decode_yolo(O.reshape(2, 4, 4, 16), ANCHORS, 32, 3)
    kb, ks, kc = dl.filter_detections(b[0], s[0], c[0], 0.5)
    order = np.argsort(kc)
    np.testing.assert_allclose(kb[order], [[2, 3, 14, 10], [20, 10, 26, 22]], atol=1e-4)
    np.testing.assert_array_equal(kc[order], [1, 2])
    det = [dl.filter_detections(b[n], s[n], c[n], 0.5) for n in range(2)]
    r = dl.mean_average_precision(det, _truth(), 3)
    assert r["mean"] == pytest.approx(1.0)


def test_yolo_loss_gradient():
    rng = np.random.default_rng(3)
    T = dl.encode_yolo_targets(_truth(), ANCHORS, 4, 32, 3)
    O = rng.normal(0, 1, (2, 4, 4, 16))
    cost, dO = dl.yolo_loss(O, T, 3)
    num = np.zeros_like(O)
    h = 1e-6
    for idx in np.ndindex(O.shape):
        Op, Om = O.copy(), O.copy()
        Op[idx] += h
        Om[idx] -= h
        num[idx] = (dl.yolo_loss(Op, T, 3)[0] - dl.yolo_loss(Om, T, 3)[0]) / (2 * h)
    assert np.linalg.norm(num - dO) / np.linalg.norm(num + dO) < 1e-7


def test_landmark_loss_gradient():
    rng = np.random.default_rng(4)
    P, Y = rng.normal(size=(6, 5)), rng.normal(size=(6, 5))
    V = (rng.random((6, 5)) > 0.3).astype(float)
    cost, d = dl.landmark_loss(P, Y, V)
    num = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        Pp, Pm = P.copy(), P.copy()
        Pp[idx] += 1e-6
        Pm[idx] -= 1e-6
        num[idx] = (dl.landmark_loss(Pp, Y, V)[0] - dl.landmark_loss(Pm, Y, V)[0]) / 2e-6
    assert np.linalg.norm(num - d) / np.linalg.norm(num + d) < 1e-7
    with pytest.raises(ValueError, match="landmark_loss"):
        dl.landmark_loss(P, Y[:4])


def test_average_precision_hand_case():
    # 3 objects; detections by score: TP, FP, TP -> precision envelope 1, 2/3 ; AP = 1/3*1 + 1/3*2/3
    assert dl.average_precision([1, 0, 1], [0.9, 0.8, 0.7], 3) == pytest.approx(1 / 3 + 2 / 9)
    # a duplicate box on an object counts as a false positive
    truth = -np.ones((1, 1, 5))
    truth[0, 0] = [1, 0, 0, 10, 10]
    det = [(np.array([[0, 0, 10, 10], [0, 0, 10, 10.0]]), np.array([0.9, 0.8]), np.array([1, 1]))]
    r = dl.mean_average_precision(det, truth, 1)
    assert r["precision"] == 0.5 and r["per_class"][1] == 1.0


def test_bad_input_raises():
    t = _truth()
    t[0, 0, 0] = 5
    with pytest.raises(ValueError, match="classes 1..3"):
        dl.encode_yolo_targets(t, ANCHORS, 4, 32, 3)
    with pytest.raises(ValueError, match=r"\(m, K, 5\)"):
        dl.encode_yolo_targets(np.zeros((3, 5)), ANCHORS, 4, 32, 3)
    bad = _truth()
    bad[0, 0, 1:] = [14, 3, 2, 10]
    with pytest.raises(ValueError, match="x2 < x1"):
        dl.encode_yolo_targets(bad, ANCHORS, 4, 32, 3)
    T = dl.encode_yolo_targets(_truth(), ANCHORS, 4, 32, 3)
    with pytest.raises(ValueError, match=r"B \* \(5 \+ C\)"):
        dl.yolo_loss(np.zeros((2, 4, 4, 15)), T, 3)
    net = dl.LayerStack([dl.Conv2D(2, 3)], (8, 8, 3), np.random.default_rng(0))
    with pytest.raises(ValueError, match="channels first"):
        net.forward(np.zeros((1, 3, 8, 8)))
