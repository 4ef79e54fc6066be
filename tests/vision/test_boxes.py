import numpy as np
import pytest

import dlutils as dl


def test_course_iou_value():
    assert dl.box_iou([2, 1, 4, 3], [1, 2, 3, 4]) == pytest.approx(1 / 7, abs=1e-12)


def test_iou_hand_cases():
    assert dl.box_iou([0, 0, 2, 2], [0, 0, 2, 2]) == 1.0
    assert dl.box_iou([0, 0, 1, 1], [2, 2, 3, 3]) == 0.0          # disjoint: no negative overlap
    assert dl.box_iou([0, 0, 1, 1], [1, 0, 2, 1]) == 0.0          # touching edges
    assert dl.box_iou([0, 0, 2, 2], [1, 0, 3, 2]) == pytest.approx(2 / 6)
    # disjoint on both axes: the product of two negative overlaps would be positive without max(0, .)
    assert dl.box_iou([0, 0, 1, 1], [3, 3, 5, 5]) == 0.0


def test_pairwise_matches_loop():
    rng = np.random.default_rng(0)
    a = np.sort(rng.uniform(0, 10, (7, 2, 2)), axis=1).transpose(0, 2, 1).reshape(7, 4)[:, [0, 2, 1, 3]]
    b = np.sort(rng.uniform(0, 10, (5, 2, 2)), axis=1).transpose(0, 2, 1).reshape(5, 4)[:, [0, 2, 1, 3]]
    M = dl.pairwise_iou(a, b)
    assert M.shape == (7, 5)
    for i in range(7):
        for j in range(5):
            assert M[i, j] == pytest.approx(dl.box_iou(a[i], b[j]))
    assert np.all((M >= 0) & (M <= 1))


def test_format_round_trip():
    b = np.array([[1.0, 2.0, 5.0, 3.0], [0, 0, 0, 0]])
    c = dl.corners_to_centre(b)
    np.testing.assert_allclose(c[0], [3.0, 2.5, 4.0, 1.0])
    np.testing.assert_allclose(dl.centre_to_corners(c), b)


def test_bad_boxes_raise():
    with pytest.raises(ValueError, match="x2 < x1 or y2 < y1"):
        dl.box_iou([4, 1, 2, 3], [1, 2, 3, 4])
    with pytest.raises(ValueError, match=r"rows \(n, 4\)"):
        dl.pairwise_iou(np.zeros((3, 5)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="negative width"):
        dl.centre_to_corners([1, 1, -2, 1])
    with pytest.raises(ValueError, match="one score and one class"):
        dl.filter_by_score(np.zeros((2, 4)), [0.5], [1, 1])


def test_filter_by_score_keeps_threshold():
    b = np.array([[0, 0, 1, 1], [0, 0, 2, 2], [1, 1, 3, 3.0]])
    kb, ks, kc = dl.filter_by_score(b, [0.2, 0.6, 0.9], [1, 2, 3], threshold=0.6)
    np.testing.assert_array_equal(ks, [0.6, 0.9])
    np.testing.assert_array_equal(kc, [2, 3])


def test_nms_removes_overlaps_per_class():
    b = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [0, 0, 10, 9.0], [20, 20, 30, 30], [0, 0, 10, 10]])
    s = np.array([0.9, 0.8, 0.7, 0.6, 0.5])
    c = np.array([1, 1, 1, 1, 2])
    keep = dl.non_max_suppression(b, s, c, iou_threshold=0.5)
    # the two overlapping class-1 boxes go; the far one and the class-2 box (same place) stay
    np.testing.assert_array_equal(keep, [0, 3, 4])
    assert len(dl.non_max_suppression(b, s, c, max_boxes=2)) == 2
    np.testing.assert_array_equal(dl.non_max_suppression(b, s, c, score_threshold=0.65), [0])
