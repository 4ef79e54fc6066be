"""Optimizer rules, mini-batches, learning-rate schedules, EWMA: golden values and bad input."""
import math

import numpy as np
import pytest

import dlutils as dl


def _cfg(optimizer, lr=0.1, **hyper):
    return dl.make_optimizer_configs({"W": None}, optimizer, lr, **hyper)["W"]


# ---- one-step golden values ---------------------------------------------------------------
def test_gd_one_step():
    w, dw = np.array([[1.0, -2.0]]), np.array([[0.5, 1.0]])
    w2, _ = dl.gd(w.copy(), dw, _cfg("gd", 0.1))
    np.testing.assert_allclose(w2, [[0.95, -2.1]])


def test_momentum_two_steps():
    w, dw = np.array([[1.0, -2.0]]), np.array([[0.5, 1.0]])
    cfg = _cfg("momentum", 0.1, beta=0.9)
    w, cfg = dl.momentum(w, dw, cfg)          # v = 0.1 * dw = [0.05, 0.1]
    np.testing.assert_allclose(cfg["v"], [[0.05, 0.1]])
    np.testing.assert_allclose(w, [[0.995, -2.01]])
    w, cfg = dl.momentum(w, dw, cfg)          # v = 0.9 v + 0.1 dw = [0.095, 0.19]
    np.testing.assert_allclose(cfg["v"], [[0.095, 0.19]])
    np.testing.assert_allclose(w, [[0.9855, -2.029]])


def test_rmsprop_one_step():
    w, dw = np.array([[1.0, -2.0]]), np.array([[0.5, 1.0]])
    cfg = _cfg("rmsprop", 0.01, beta2=0.9, epsilon=1e-8)
    w, cfg = dl.rmsprop(w, dw, cfg)           # s = 0.1 dw^2; step = lr dw / sqrt(s) = lr / sqrt(0.1) sign
    np.testing.assert_allclose(cfg["s"], [[0.025, 0.1]])
    step = 0.01 / (np.sqrt(0.1) + 1e-8 / np.array([0.5, 1.0]))
    np.testing.assert_allclose(w, [[1.0 - step[0], -2.0 - step[1]]], rtol=1e-12)


def _adam_textbook(w, grads, lr, beta1, beta2, eps):
    """Plain re-implementation with explicit v_hat / s_hat, as the lecture writes it."""
    v = np.zeros_like(w)
    s = np.zeros_like(w)
    out = []
    for t, dw in enumerate(grads, start=1):
        v = beta1 * v + (1 - beta1) * dw
        s = beta2 * s + (1 - beta2) * dw ** 2
        v_hat = v / (1 - beta1 ** t)
        s_hat = s / (1 - beta2 ** t)
        w = w - lr * v_hat / (np.sqrt(s_hat) + eps)
        out.append(w.copy())
    return out


@pytest.mark.parametrize("eps", [1e-8, 1e-2])
def test_adam_bias_correction_matches_textbook(eps, rng):
    w0 = rng.standard_normal((3, 4))
    grads = [rng.standard_normal((3, 4)) * 10 ** rng.uniform(-3, 1) for _ in range(25)]
    expected = _adam_textbook(w0, grads, 0.01, 0.9, 0.999, eps)
    w, cfg = w0.copy(), _cfg("adam", 0.01, epsilon=eps)
    for t, (dw, want) in enumerate(zip(grads, expected), start=1):
        w, cfg = dl.adam(w, dw, cfg)
        assert cfg["t"] == t
        np.testing.assert_allclose(w, want, rtol=1e-10, atol=1e-13)


def test_adam_first_step_is_lr_times_sign():
    """With bias correction the first step is lr * dw / |dw| (up to epsilon)."""
    w, dw = np.zeros((1, 3)), np.array([[1e-4, -3.0, 50.0]])
    w, _ = dl.adam(w, dw, _cfg("adam", 0.1))
    np.testing.assert_allclose(w, [[-0.1, 0.1, -0.1]], rtol=1e-3)


def test_updates_are_in_place():
    w = np.ones((2, 2))
    for name, rule in dl.OPTIMIZERS.items():
        out, _ = rule(w, np.ones((2, 2)), _cfg(name))
        assert out is w, name


def test_make_optimizer_configs_independent_state():
    params = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1))}
    cfgs = dl.make_optimizer_configs(params, "adam", 0.01, beta1=0.8)
    assert cfgs["W1"] is not cfgs["b1"]
    assert cfgs["W1"] == {"beta1": 0.8, "beta2": 0.999, "epsilon": 1e-8, "learning_rate": 0.01}


# ---- mini-batches -------------------------------------------------------------------------
def test_random_mini_batches_partition(rng):
    m = 150
    X = np.vstack([np.arange(m), -np.arange(m)]).astype(float)
    Y = (np.arange(m) % 2).reshape(1, -1)
    batches = dl.random_mini_batches(X, Y, 64, rng)
    assert [b[0].shape[1] for b in batches] == [64, 64, 22]
    cols = np.concatenate([bx[0] for bx, _ in batches]).astype(int)
    assert sorted(cols) == list(range(m))            # a permutation: every column once
    assert not np.array_equal(cols, np.arange(m))    # and shuffled
    for bx, by in batches:                           # X and Y columns still paired
        np.testing.assert_array_equal(bx[1], -bx[0])
        np.testing.assert_array_equal(by[0], bx[0].astype(int) % 2)


def test_random_mini_batches_exact_multiple_and_deterministic():
    X, Y = np.arange(20.0).reshape(2, 10), np.zeros((1, 10))
    a = dl.random_mini_batches(X, Y, 5, np.random.default_rng(1))
    b = dl.random_mini_batches(X, Y, 5, np.random.default_rng(1))
    assert len(a) == 2 and all(x.shape == (2, 5) for x, _ in a)
    assert all(np.array_equal(p[0], q[0]) for p, q in zip(a, b))
    assert len(dl.random_mini_batches(X, Y, 64, np.random.default_rng(1))) == 1


# ---- schedules and EWMA -------------------------------------------------------------------
def test_inverse_time_decay_golden():
    assert dl.inverse_time_decay(0.5, 0, 1.0) == 0.5
    assert dl.inverse_time_decay(0.5, 1, 1.0) == 0.25
    assert dl.inverse_time_decay(0.2, 3, 0.5) == pytest.approx(0.08)
    # stepwise: drops only every time_interval epochs
    lrs = [dl.inverse_time_decay(0.1, e, 1.0, time_interval=10) for e in (0, 9, 10, 19, 20)]
    assert lrs == pytest.approx([0.1, 0.1, 0.05, 0.05, 0.1 / 3])


def test_step_decay_golden():
    assert [dl.step_decay(1.0, e, 0.5, 10) for e in (0, 9, 10, 25)] == [1.0, 1.0, 0.5, 0.25]


def test_ewma_golden():
    theta = np.array([10.0, 20.0, 30.0])
    raw = dl.ewma(theta, beta=0.5, bias_correction=False)
    np.testing.assert_allclose(raw, [5.0, 12.5, 21.25])
    corrected = dl.ewma(theta, beta=0.5)
    np.testing.assert_allclose(corrected, [10.0, 12.5 / 0.75, 21.25 / 0.875])
    # bias correction removes the start-up bias toward 0 on a constant series
    np.testing.assert_allclose(dl.ewma(np.full(5, 7.0), beta=0.9), 7.0)
    assert dl.ewma(np.full(5, 7.0), beta=0.9, bias_correction=False)[0] == pytest.approx(0.7)


# ---- bad input ----------------------------------------------------------------------------
def test_unknown_optimizer():
    with pytest.raises(ValueError, match=r"make_optimizer_configs: unknown optimizer 'sgd'; choose one of "
                                         r"\['adam', 'gd', 'momentum', 'rmsprop'\]"):
        dl.make_optimizer_configs({}, "sgd")


@pytest.mark.parametrize("lr", [0, -0.1, float("inf"), "fast", None])
def test_bad_learning_rate(lr):
    with pytest.raises(ValueError, match=r"make_optimizer_configs: learning_rate must"):
        dl.make_optimizer_configs({"W": 0}, "gd", lr)


def test_bad_hyperparameters():
    with pytest.raises(ValueError, match=r"make_optimizer_configs: momentum takes \['beta'\] hyperparameters "
                                         r"besides learning_rate, got \['beta1'\]"):
        dl.make_optimizer_configs({"W": 0}, "momentum", 0.1, beta1=0.9)
    with pytest.raises(ValueError, match=r"make_optimizer_configs: beta2 must lie in \[0, 1\), got 1.0"):
        dl.make_optimizer_configs({"W": 0}, "adam", 0.1, beta2=1.0)
    with pytest.raises(ValueError, match=r"make_optimizer_configs: epsilon must be finite and > 0"):
        dl.make_optimizer_configs({"W": 0}, "adam", 0.1, epsilon=-1e-8)
    with pytest.raises(ValueError, match=r"make_optimizer_configs: beta must be a number"):
        dl.make_optimizer_configs({"W": 0}, "momentum", 0.1, beta="high")


def test_mini_batches_bad_input(rng):
    X, Y = np.ones((2, 10)), np.ones((1, 10))
    with pytest.raises(ValueError, match=r"random_mini_batches: X has 10 examples \(columns\) but Y has 9"):
        dl.random_mini_batches(X, Y[:, :9], 4, rng)
    for size in (0, -1, 2.5, "8"):
        with pytest.raises(ValueError, match=r"random_mini_batches: mini_batch_size must be a positive int"):
            dl.random_mini_batches(X, Y, size, rng)
    with pytest.raises(ValueError, match=r"random_mini_batches: rng must be a numpy Generator"):
        dl.random_mini_batches(X, Y, 4, 42)
    with pytest.raises(ValueError, match=r"random_mini_batches: Y must be 2-D.*reshape"):
        dl.random_mini_batches(X, np.ones(10), 4, rng)
    with pytest.raises(ValueError, match=r"random_mini_batches: X has dtype"):
        dl.random_mini_batches(np.array([["a"] * 10]), Y, 4, rng)


def test_schedule_bad_input():
    with pytest.raises(ValueError, match=r"inverse_time_decay: learning_rate0 must be finite and > 0"):
        dl.inverse_time_decay(-0.1, 1, 1.0)
    with pytest.raises(ValueError, match=r"inverse_time_decay: decay_rate must be finite and >= 0"):
        dl.inverse_time_decay(0.1, 1, -1.0)
    with pytest.raises(ValueError, match=r"inverse_time_decay: time_interval must be a positive int"):
        dl.inverse_time_decay(0.1, 1, 1.0, time_interval=0)
    with pytest.raises(ValueError, match=r"inverse_time_decay: epoch must be an int >= 0"):
        dl.inverse_time_decay(0.1, -1, 1.0)
    with pytest.raises(ValueError, match=r"step_decay: learning_rate0 must be finite and > 0"):
        dl.step_decay(0, 1)
    with pytest.raises(ValueError, match=r"step_decay: drop must lie in \(0, 1\]"):
        dl.step_decay(0.1, 1, drop=2.0)
    with pytest.raises(ValueError, match=r"step_decay: epochs_per_drop must be a positive int"):
        dl.step_decay(0.1, 1, epochs_per_drop=0)


def test_ewma_bad_input():
    with pytest.raises(ValueError, match=r"ewma: beta must lie in \[0, 1\).*1/\(1-beta\)"):
        dl.ewma([1.0, 2.0], beta=1.0)
    with pytest.raises(ValueError, match=r"ewma: values contains 1 NaN"):
        dl.ewma([1.0, math.nan])
    with pytest.raises(ValueError, match=r"ewma: values must be 1-D"):
        dl.ewma(np.ones((2, 2)))
