"""dl.train reproduces stored costs of a 4-layer net trained from a fixed parameter set.

The golden numbers below were computed ONCE by ``_plain_loop`` (an independent plain-numpy
gradient-descent loop written here, no dlutils) and typed in. Together they pin down what the
course's published figures rest on: the maths of a step, and which iteration each recorded
cost belongs to (``history.iterations``: 0, 100, ..., and the last one).

Data and initial parameters come from numpy's legacy ``RandomState``, whose streams numpy
keeps frozen, so the fixture is the same on every machine. Initial weights follow the course's
deep-net assignment (``randn / sqrt(n_prev)``, zero biases).
"""
import numpy as np
import pytest

import dlutils as dl

LAYERS = [6, 5, 4, 3, 1]
LEARNING_RATE, NUM_ITERATIONS, EVERY = 0.05, 1500, 100

# cost after iteration i (parameters after i updates), from _plain_loop, typed in once
GOLDEN_COSTS = {
    0: 0.677711867456829, 100: 0.580941963703487, 200: 0.506635478480829,
    300: 0.454814659963827, 400: 0.416497128410522, 500: 0.375923647578869,
    600: 0.311682645634217, 700: 0.276028467566709, 800: 0.255519881382208,
    900: 0.240517846296581, 1000: 0.227213788069368, 1100: 0.216182974584574,
    1200: 0.206561998663353, 1300: 0.198075855526644, 1400: 0.191195997022465,
    1500: 0.185979630052892,
}
GOLDEN_TRAIN_ACC = 93.33333333333333      # 56 of 60 after 1500 iterations


def _fixed_problem():
    data = np.random.RandomState(2)
    X = data.randn(6, 60)
    Y = ((X[0] * X[1] + X[2] - 0.5 * X[3] + 0.8 * data.randn(60)) > 0).astype(float).reshape(1, -1)
    init = np.random.RandomState(1)
    params = {}
    for l in range(1, len(LAYERS)):
        params[f"W{l}"] = init.randn(LAYERS[l], LAYERS[l - 1]) / np.sqrt(LAYERS[l - 1])
        params[f"b{l}"] = np.zeros((LAYERS[l], 1))
    return X, Y, params


def _plain_loop(X, Y, params, learning_rate, num_iterations, every):
    """[LINEAR->RELU]*3 -> LINEAR->SIGMOID, cross-entropy, plain gradient descent, no dlutils.

    Returns ({iteration: cost of the parameters after that many updates}, final params, train %)."""
    p = {k: v.copy() for k, v in params.items()}
    L, m, costs = len(LAYERS) - 1, X.shape[1], {}
    for i in range(num_iterations + 1):
        A, As, Zs = X, [X], []
        for l in range(1, L + 1):
            Z = np.dot(p[f"W{l}"], A) + p[f"b{l}"]
            A = 1 / (1 + np.exp(-Z)) if l == L else np.maximum(Z, 0)
            Zs.append(Z)
            As.append(A)
        if i % every == 0 or i == num_iterations:
            # log(1 + e^Z) - Y Z = cross-entropy of sigmoid(Z), without overflow
            costs[i] = float(np.sum(np.logaddexp(0, Zs[-1]) - Y * Zs[-1]) / m)
        if i == num_iterations:
            break
        dZ = A - Y
        for l in range(L, 0, -1):
            if l < L:
                dZ = dA * (Zs[l - 1] > 0)
            dW = np.dot(dZ, As[l - 1].T) / m
            db = np.sum(dZ, axis=1, keepdims=True) / m
            dA = np.dot(p[f"W{l}"].T, dZ)
            p[f"W{l}"] -= learning_rate * dW
            p[f"b{l}"] -= learning_rate * db
    return costs, p, float(100 * np.mean((A > 0.5) == (Y > 0.5)))


def test_plain_loop_still_gives_the_stored_numbers():
    """The reference itself is pinned: if this fails, numpy changed, not dlutils."""
    X, Y, params = _fixed_problem()
    costs, _, acc = _plain_loop(X, Y, params, LEARNING_RATE, NUM_ITERATIONS, EVERY)
    assert sorted(costs) == sorted(GOLDEN_COSTS)
    for i, c in GOLDEN_COSTS.items():
        assert costs[i] == pytest.approx(c, rel=1e-9), i
    assert acc == pytest.approx(GOLDEN_TRAIN_ACC)


def test_dl_train_records_the_golden_costs_at_their_iterations():
    X, Y, params = _fixed_problem()
    net = dl.DeepNet(LAYERS, params=params)
    h = dl.train(net, X, Y, learning_rate=LEARNING_RATE, num_iterations=NUM_ITERATIONS, record_every=EVERY)
    assert h.iterations == sorted(GOLDEN_COSTS), h.iterations
    got = np.array(h.costs)
    want = np.array([GOLDEN_COSTS[i] for i in h.iterations])
    bad = np.flatnonzero(~np.isclose(got, want, rtol=1e-9, atol=0))
    assert bad.size == 0, (f"first wrong record: iteration {h.iterations[bad[0]]}: got {got[bad[0]]!r}, "
                           f"stored {want[bad[0]]!r}")
    assert h.train_acc[-1] == pytest.approx(GOLDEN_TRAIN_ACC)
    assert h.final["cost"] == pytest.approx(GOLDEN_COSTS[NUM_ITERATIONS], rel=1e-9)


def test_dl_train_ends_on_the_plain_loop_parameters():
    X, Y, params = _fixed_problem()
    _, ref, _ = _plain_loop(X, Y, params, LEARNING_RATE, 300, EVERY)
    net = dl.DeepNet(LAYERS, params=params)
    dl.train(net, X, Y, learning_rate=LEARNING_RATE, num_iterations=300, record_every=EVERY)
    for k in ref:
        np.testing.assert_allclose(net.params[k], ref[k], rtol=1e-10, atol=1e-13, err_msg=k)
