"""Tests of dlutils/vision/verification.py: L2 normalization and triplet loss gradients, triplet
selection, thresholds, recognition, the encoder's backward pass."""
import numpy as np
import pytest

import dlutils as dl


numgrad = dl.numerical_gradient   # the library's centred differences (float64, in place, restored)


def rel(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-30)


def test_l2_normalize_unit_columns_and_gradient():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(5, 4))
    E, cache = dl.l2_normalize_forward(Z)
    np.testing.assert_allclose(np.linalg.norm(E, axis=0), 1.0)
    dE = rng.normal(size=E.shape)
    dZ = dl.l2_normalize_backward(dE, cache)
    num = numgrad(lambda: float(np.sum(dl.l2_normalize_forward(Z)[0] * dE)), Z)
    assert rel(dZ, num) < 1e-7


def test_triplet_loss_value_and_gradient():
    rng = np.random.default_rng(1)
    A, P, N = (rng.normal(scale=0.3, size=(6, 5)) for _ in range(3))
    J, (dA, dP, dN) = dl.triplet_loss(A, P, N, alpha=0.2)
    pos, neg = np.sum((A - P) ** 2, 0), np.sum((A - N) ** 2, 0)
    assert J == pytest.approx(np.sum(np.maximum(pos - neg + 0.2, 0)))
    assert 0 < np.sum(pos - neg + 0.2 > 0) < 5          # both active and inactive triplets
    up = rng.normal()
    for X, dX in ((A, dA), (P, dP), (N, dN)):
        num = numgrad(lambda: up * dl.triplet_loss(A, P, N, 0.2)[0], X)
        assert rel(up * dX, num) < 1e-7


def test_triplet_loss_golden_and_bad_shapes():
    A = np.array([[0.0, 1.0], [1.0, 0.0]])
    P = np.array([[0.0, 0.9], [0.8, 0.0]])
    N = np.array([[0.1, 0.0], [1.0, 1.0]])
    J, _ = dl.triplet_loss(A, P, N)
    # column 0: 0.04 - 0.01 + 0.2 = 0.23; column 1: 0.01 - 2.0 + 0.2 < 0
    assert J == pytest.approx(0.23)
    with pytest.raises(ValueError, match="triplet_loss: anchor, positive and negative"):
        dl.triplet_loss(A, P, N[:, :1])
    with pytest.raises(ValueError, match="l2_normalize_forward: Z must be"):
        dl.l2_normalize_forward(np.ones(3))


def test_select_triplets_semi_hard_picks_within_margin():
    rng = np.random.default_rng(2)
    E, _ = dl.l2_normalize_forward(rng.normal(size=(4, 30)))
    labels = np.repeat(np.arange(6), 5)
    for mode in ("random", "semi-hard"):
        ia, ip, ineg = dl.select_triplets(E, labels, rng, mode)
        assert len(ia) == 30
        assert np.all(labels[ia] == labels[ip]) and np.all(ia != ip) and np.all(labels[ia] != labels[ineg])
    D = dl.embedding_distances(E, E)
    ia, ip, ineg = dl.select_triplets(E, labels, np.random.default_rng(3), "semi-hard")
    dap, dan = D[ia, ip], D[ia, ineg]
    assert np.mean((dan > dap) & (dan < dap + 0.2)) > 0.3
    with pytest.raises(ValueError, match="select_triplets: mode"):
        dl.select_triplets(E, labels, rng, "hard")
    with pytest.raises(ValueError, match="select_triplets: E has"):
        dl.select_triplets(E, labels[:-1], rng)


def test_thresholds_roc_and_recognition():
    d = np.array([0.1, 0.2, 0.3, 0.8, 0.9, 0.25])
    same = np.array([1, 1, 1, 0, 0, 0])
    t, acc = dl.best_threshold(d, same)
    assert acc == pytest.approx(5 / 6) and 0.2 <= t < 0.8
    fpr, tpr, th = dl.verification_roc(d, same)
    assert tpr[0] == 0 and tpr[-1] == 1 and np.all(np.diff(fpr) >= 0)
    with pytest.raises(ValueError, match="verification_roc"):
        dl.verification_roc(d, np.ones(6))
    db = np.eye(3)
    q = np.array([[1.0, 0.0, 0.6], [0.0, 0.0, 0.0], [0.0, 1.0, 0.8]])
    labels, dist = dl.recognize(q, db, [7, 8, 9], threshold=0.3)
    assert list(labels) == [7, 9, -1]
    assert dl.pair_features(q, q).sum() == 0


def test_face_encoder_triplet_step_gradient():
    rng = np.random.default_rng(4)
    enc = dl.FaceEncoder([dl.Conv2D(2, 3, activation="relu"), dl.MaxPool2D(2), dl.Flatten(), dl.Dense(3)],
                         (6, 6, 1), rng)
    X = rng.normal(size=(5, 6, 6, 1))
    ia, ip, ineg = np.array([0, 1, 2]), np.array([3, 4, 0]), np.array([4, 2, 1])
    J, g = enc.triplet_step(X, ia, ip, ineg, alpha=2.0)   # large margin: every triplet active
    assert J > 0
    for k in enc.params:
        num = numgrad(lambda: enc.triplet_step(X, ia, ip, ineg, alpha=2.0)[0], enc.params[k])
        assert rel(g[k], num) < 1e-6, k
