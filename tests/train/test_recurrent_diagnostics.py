"""Gradient norm by distance (vanishing / exploding) and the memory task's training helper."""
import numpy as np
import pytest

import dlutils as dl


def test_gradient_norm_vanishes_and_explodes():
    r = lambda: np.random.default_rng(0)
    rnn = dl.gradient_norm_by_distance("rnn", 30, r())
    lstm = dl.gradient_norm_by_distance("lstm", 30, r())
    assert rnn.shape == (30,) and rnn[0] == 1.0
    assert rnn[20] < 1e-3 and lstm[20] > 10 * rnn[20]
    big = dl.gradient_norm_by_distance("rnn", 30, r(), scale=4.0)
    small = dl.gradient_norm_by_distance("rnn", 30, r(), scale=0.5)
    assert big[20] > 100 and small[20] < rnn[20]
    assert np.all(np.isfinite(dl.gradient_norm_by_distance("gru", 12, r(), scale=2.0)))


def test_gradient_norm_matches_a_direct_computation():
    """Same number as running the layer's functions by hand (catches a reversed k axis)."""
    rng = np.random.default_rng(5)                # same draws in the same order as the function
    layer = dl.SimpleRNN(32)
    params, _ = layer.build((8, 10), 1, rng)
    p = layer.course_parameters(params)
    x = rng.standard_normal((8, 16, 10))
    a, _, caches = dl.rnn_forward(x, np.zeros((32, 16)), p)
    da = np.zeros_like(a)
    da[:, :, -1] = rng.standard_normal((32, 16))
    dx = dl.rnn_backward(da, caches)["dx"]
    want = np.linalg.norm(dx[:, :, 10 - 1 - 3]) / np.linalg.norm(dx[:, :, -1])
    got = dl.gradient_norm_by_distance("rnn", 10, np.random.default_rng(5))
    assert got[3] == pytest.approx(want)


@pytest.mark.slow
def test_memory_task_lstm_beats_rnn_at_20_steps():
    lstm = dl.train_memory_task("lstm", 20, np.random.default_rng(0))
    rnn = dl.train_memory_task("rnn", 20, np.random.default_rng(0))
    assert lstm["accuracy"] >= 90 and rnn["accuracy"] <= 60
    assert lstm["history"].costs[-1] < np.log(8), "trained below the cost of guessing among 8 symbols"


def test_memory_task_short_and_table_shape():
    table = dl.memory_task_table((3,), np.random.default_rng(1), cells=("rnn",), repeats=2)
    assert list(table) == [3] and len(table[3]["rnn"]) == 2
    assert np.mean(table[3]["rnn"]) >= 90, "a plain RNN recalls 2 steps back"


def test_errors():
    with pytest.raises(ValueError, match=r"gradient_norm_by_distance: cell must be one of"):
        dl.gradient_norm_by_distance("transformer", 5, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"scale must be a positive number"):
        dl.gradient_norm_by_distance("rnn", 5, np.random.default_rng(0), scale=0)
    with pytest.raises(ValueError, match=r"memory_task_table: repeats must be an int >= 1"):
        dl.memory_task_table((3,), np.random.default_rng(0), repeats=0)
