"""The memory task's data: layout, targets, the marker channel, noise, and fix-it errors."""
import numpy as np
import pytest

import dlutils as dl


def test_layout_and_targets(rng):
    X, Y = dl.memory_task(6, 50, rng, n_symbols=4, noise=0.0)
    assert X.shape == (5, 50, 6) and Y.shape == (4, 50, 6)
    np.testing.assert_array_equal(X[4, :, 0], 1) and np.testing.assert_array_equal(X[4, :, 1:], 0)
    np.testing.assert_array_equal(X[:4].sum(axis=0), 1)                 # one symbol per step without noise
    first = X[:4, :, 0].argmax(axis=0)
    for t in range(6):                                                  # every step's target is step 0's symbol
        np.testing.assert_array_equal(Y[:, :, t].argmax(axis=0), first)
    assert len(np.unique(X[:4, :, 1:].argmax(axis=0))) == 4             # later steps are distractors


def test_noise_only_after_step_0_and_reproducible():
    X, _ = dl.memory_task(5, 20, np.random.default_rng(3))
    X2, _ = dl.memory_task(5, 20, np.random.default_rng(3))
    np.testing.assert_array_equal(X, X2)
    assert set(np.unique(X[:, :, 0])) == {0.0, 1.0}
    assert X[:8, :, 1:].std() > 0.8


def test_errors(rng):
    with pytest.raises(ValueError, match=r"memory_task: T_x must be an int >= 1"):
        dl.memory_task(0, 5, rng)
    with pytest.raises(ValueError, match=r"memory_task: rng must be a numpy Generator"):
        dl.memory_task(3, 5, 42)
    with pytest.raises(ValueError, match=r"memory_task: noise must be a number >= 0"):
        dl.memory_task(3, 5, rng, noise=-1.0)
