"""Pooling: vectorized against the loops, max backward routes to ONE argmax on ties, gradient checks
on tie-free inputs, golden values, the mask / distribute helpers and every bad-input message."""
import numpy as np
import pytest

import dlutils as dl


@pytest.mark.parametrize("mode", ["max", "average"])
@pytest.mark.parametrize("f, stride", [(1, 1), (2, 2), (2, 1), (3, 2), (3, 3), (2, 3), (3, 1)])
def test_fast_matches_loop(mode, f, stride):
    rng = np.random.default_rng(f * 7 + stride)
    A = rng.standard_normal((3, 7, 6, 4))                   # odd sizes: leftover rows/columns
    A[0, :4, :4, 1] = 0.0                                   # ties, as after a ReLU
    A[1] = np.round(A[1])                                   # more ties
    hp = {"f": f, "stride": stride}
    P, cache = dl.pool_forward(A, hp, mode)
    Pl, cache_l = dl.pool_forward_loop(A, hp, mode)
    assert P.shape == (3, (7 - f) // stride + 1, (6 - f) // stride + 1, 4)
    np.testing.assert_allclose(P, Pl, rtol=1e-13, atol=1e-13)
    dA = rng.standard_normal(P.shape)
    np.testing.assert_allclose(dl.pool_backward(dA, cache), dl.pool_backward_loop(dA, cache_l), atol=1e-13)
    np.testing.assert_allclose(dl.pool_backward(dA, cache_l), dl.pool_backward_loop(dA, cache), atol=1e-13)


def test_golden_values():
    A = np.arange(16, dtype=float).reshape(1, 4, 4, 1)
    P, _ = dl.pool_forward(A, {"f": 2, "stride": 2}, "max")
    np.testing.assert_array_equal(P[0, :, :, 0], [[5, 7], [13, 15]])
    P, _ = dl.pool_forward(A, {"f": 2, "stride": 2}, "average")
    np.testing.assert_array_equal(P[0, :, :, 0], [[2.5, 4.5], [10.5, 12.5]])
    P, _ = dl.pool_forward(A, {"f": 3, "stride": 1}, "max")
    np.testing.assert_array_equal(P[0, :, :, 0], [[10, 11], [14, 15]])


@pytest.mark.parametrize("backward, forward", [(dl.pool_backward, dl.pool_forward),
                                               (dl.pool_backward_loop, dl.pool_forward_loop)])
def test_ties_route_to_one_input(backward, forward):
    """A window of equal values (zeros after a ReLU) passes its gradient to ONE input, not all."""
    A = np.zeros((1, 4, 4, 2))
    A[0, 2:, 2:, 1] = [[1.0, 3.0], [3.0, 2.0]]              # a tie between two 3s
    P, cache = forward(A, {"f": 2, "stride": 2}, "max")
    dA = np.arange(1, 9, dtype=float).reshape(1, 2, 2, 2)
    dA_prev = backward(dA, cache)
    np.testing.assert_allclose(dA_prev.sum(axis=(1, 2)), dA.sum(axis=(1, 2)))   # gradient conserved
    assert np.count_nonzero(dA_prev) == 8                                         # one cell per window
    assert dA_prev[0, 0, 0, 0] == 1.0 and dA_prev[0, 1, 1, 0] == 0.0              # first of the tie
    assert dA_prev[0, 2, 3, 1] == 8.0 and dA_prev[0, 3, 2, 1] == 0.0


def test_overlapping_windows_add_up():
    A = np.zeros((1, 3, 3, 1))
    A[0, 1, 1, 0] = 5.0                                     # the centre is every window's max
    P, cache = dl.pool_forward(A, {"f": 2, "stride": 1}, "max")
    dA_prev = dl.pool_backward(np.ones_like(P) * 2.0, cache)
    assert dA_prev[0, 1, 1, 0] == 8.0 and np.count_nonzero(dA_prev) == 1


def _tie_free(rng, shape):
    """Distinct values far apart, so a small finite-difference step never changes a window's max."""
    vals = rng.permutation(np.prod(shape)).astype(float) * 0.1
    return vals.reshape(shape)


@pytest.mark.parametrize("mode", ["max", "average"])
@pytest.mark.parametrize("forward, backward", [(dl.pool_forward, dl.pool_backward),
                                               (dl.pool_forward_loop, dl.pool_backward_loop)])
@pytest.mark.parametrize("f, stride", [(2, 2), (3, 1), (2, 1), (3, 2)])
def test_gradient_check(mode, forward, backward, f, stride):
    rng = np.random.default_rng(f + 10 * stride)
    A = _tie_free(rng, (2, 5, 6, 3))
    hp = {"f": f, "stride": stride}
    err, = dl.check_layer(lambda a: forward(a, hp, mode), backward, [A], rng)
    assert err < 1e-6, err


def test_gradient_check_bites_on_every_tie_mask():
    """Routing the gradient to every tied maximum (x == max) fails conservation; ours does not."""
    x = np.array([[0.0, 0.0], [0.0, 0.0]])
    assert dl.create_mask_from_window(x).sum() == 1
    assert (x == np.max(x)).sum() == 4


def test_create_mask_from_window():
    x = np.array([[1.0, 4.0], [-1.0, 4.0]])
    np.testing.assert_array_equal(dl.create_mask_from_window(x), [[False, True], [False, False]])
    x = np.array([[1.0, 3.0, 2.0], [0.0, -2.0, 9.0], [1.0, 1.0, 1.0]])
    assert dl.create_mask_from_window(x)[1, 2] and dl.create_mask_from_window(x).sum() == 1


def test_distribute_value():
    np.testing.assert_allclose(dl.distribute_value(2.0, (2, 2)), np.full((2, 2), 0.5))
    np.testing.assert_allclose(dl.distribute_value(3.0, (1, 3)), np.ones((1, 3)))
    assert dl.distribute_value(-6.0, (3, 2)).sum() == pytest.approx(-6.0)


def test_pool_output_shape():
    assert dl.pool_output_shape((64, 64, 8), 2, 2) == (32, 32, 8)
    assert dl.pool_output_shape((64, 64, 8), 8, 8) == (8, 8, 8)
    assert dl.pool_output_shape((7, 5, 3), 3, 2) == (3, 2, 3)


@pytest.mark.parametrize("args, match", [
    ((np.zeros((2, 3, 16, 16)), {"f": 2, "stride": 2}), r"pool_forward: A_prev has shape \(2, 3, 16, 16\).*\(m, n_C, n_H, n_W\).*transpose\(0, 2, 3, 1\)"),
    ((np.zeros((12288, 4)), {"f": 2, "stride": 2}), r"dense \(n_x, m\) array"),
    ((np.zeros((2, 4, 4, 1)), {"f": 5, "stride": 1}), r"the 5x5 pooling window does not fit into the 4x4 input: no output"),
    ((np.zeros((2, 4, 4, 1)), {"f": 2}), r"hparameters must be a dict with 'f' \(window size\) and 'stride'"),
    ((np.zeros((2, 4, 4, 1)), {"f": 2.5, "stride": 2}), r"f must be a whole number, got 2.5"),
    ((np.zeros((2, 4, 4, 1)), {"f": 2, "stride": 0}), r"stride must be >= 1"),
])
@pytest.mark.parametrize("fwd", [dl.pool_forward, dl.pool_forward_loop])
def test_bad_input(fwd, args, match):
    with pytest.raises(ValueError, match=match.replace("pool_forward:", f"{fwd.__name__}:")):
        fwd(*args)


def test_bad_mode_dA_and_cache():
    A = np.zeros((2, 4, 4, 1))
    with pytest.raises(ValueError, match=r"pool_forward: mode must be 'max' or 'average', got 'avg'"):
        dl.pool_forward(A, {"f": 2, "stride": 2}, mode="avg")
    P, cache = dl.pool_forward(A, {"f": 2, "stride": 2})
    for bwd in (dl.pool_backward, dl.pool_backward_loop):
        with pytest.raises(ValueError, match=rf"{bwd.__name__}: dA has shape \(2, 4, 4, 1\).*\(2, 2, 2, 1\)"):
            bwd(np.zeros((2, 4, 4, 1)), cache)
        with pytest.raises(ValueError, match=rf"{bwd.__name__}: cache must be the PoolCache"):
            bwd(P, (A,))
    with pytest.raises(ValueError, match=r"distribute_value: shape must be \(n_H, n_W\)"):
        dl.distribute_value(1.0, (0, 2))
    with pytest.raises(ValueError, match=r"create_mask_from_window: x is empty"):
        dl.create_mask_from_window(np.zeros((0, 0)))
