"""Metrics: golden values and bad input."""
import numpy as np
import pytest

import dlutils as dl

P = np.array([[1, 0, 1, 1, 0, 0, 1, 0]])
Y = np.array([[1, 0, 0, 1, 1, 0, 1, 0]])


def test_accuracy_golden():
    assert dl.accuracy(P, Y) == 75.0
    assert dl.accuracy(Y, Y) == 100.0
    assert dl.accuracy(np.array([[True, False]]), np.array([[1, 1]])) == 50.0
    assert isinstance(dl.accuracy(P, Y), float)


def test_confusion_counts_golden():
    assert dl.confusion_counts(P, Y) == {"tp": 3, "fp": 1, "fn": 1, "tn": 3}


def test_precision_recall_f1_golden():
    p, r, f1 = dl.precision_recall_f1(np.array([[1, 1, 1, 0, 0]]), np.array([[1, 0, 0, 1, 0]]))
    assert p == pytest.approx(1 / 3) and r == pytest.approx(1 / 2) and f1 == pytest.approx(0.4)
    assert dl.precision_recall_f1(np.zeros((1, 4)), np.zeros((1, 4))) == (0.0, 0.0, 0.0)


def test_confusion_matrix_golden():
    yp = np.array([[0, 2, 1, 2, 0]])
    yt = np.array([[0, 1, 1, 2, 2]])
    np.testing.assert_array_equal(dl.confusion_matrix(yp, yt), [[1, 0, 0], [0, 1, 1], [1, 0, 1]])
    M = dl.confusion_matrix(yp, yt, C=4)
    assert M.shape == (4, 4) and M.sum() == 5
    assert np.trace(M) / M.sum() * 100 == dl.accuracy(yp, yt)


def test_bad_input():
    with pytest.raises(ValueError, match=r"accuracy: Y_pred has shape \(8, 1\) but Y has shape \(1, 8\).*did you pass Y\.T"):
        dl.accuracy(P.T, Y)
    with pytest.raises(ValueError, match=r"accuracy: got 0 examples"):
        dl.accuracy(np.zeros((1, 0)), np.zeros((1, 0)))
    with pytest.raises(ValueError, match=r"accuracy: Y contains 1 NaN"):
        dl.accuracy(np.zeros((1, 2)), np.array([[0, np.nan]]))
    with pytest.raises(ValueError, match=r"accuracy: Y_pred has dtype <U"):
        dl.accuracy(np.array([["cat", "dog"]]), np.array([[0, 1]]))
    with pytest.raises(ValueError, match=r"confusion_counts: Y_pred must be 0/1; for classes use dl\.confusion_matrix"):
        dl.confusion_counts(np.array([[2, 0]]), np.array([[1, 0]]))
    with pytest.raises(ValueError, match=r"precision_recall_f1: Y_pred has shape"):
        dl.precision_recall_f1(np.zeros((1, 3)), np.zeros((1, 4)))
    with pytest.raises(ValueError, match=r"confusion_matrix: labels must be whole numbers >= 0"):
        dl.confusion_matrix(np.array([[0, -1]]), np.array([[0, 1]]))
    with pytest.raises(ValueError, match=r"confusion_matrix: labels go up to 3 but C=2"):
        dl.confusion_matrix(np.array([[0, 3]]), np.array([[0, 1]]), C=2)
