"""dlutils/nn/scratch.py: recycled arrays are reused only when nothing else refers to them."""
import threading

import numpy as np

import dlutils as dl
from dlutils.nn import scratch as sc

BIG = (512, 512)          # 2 MB of float64: above MIN_BYTES


def setup_function():
    sc.clear()


def test_a_free_array_is_reused_and_one_in_use_never_is():
    a = sc.scratch("t", BIG, np.float64)
    a_id = id(a)
    b = sc.scratch("t", BIG, np.float64)
    assert b is not a                         # a is still held here
    del a
    c = sc.scratch("t", BIG, np.float64)
    assert id(c) == a_id                      # a was free: recycled
    view = c[::2]                             # a view keeps its base in use
    del c
    d = sc.scratch("t", BIG, np.float64)
    assert d.base is None and view.base is not d


def test_zero_fills_a_recycled_array_and_shapes_and_dtypes_are_respected():
    a = sc.scratch("z", BIG, np.float64)
    a[...] = 7.0
    del a
    z = sc.scratch("z", BIG, np.float64, zero=True)
    assert not z.any()
    del z
    other = sc.scratch("z", (256, 2048), np.float32)
    assert other.shape == (256, 2048) and other.dtype == np.float32


def test_small_arrays_are_not_pooled_and_the_pool_is_bounded():
    s1 = sc.scratch("s", (4, 4), np.float64)
    del s1
    assert "s" not in getattr(sc._local, "pools", {})
    held = [sc.scratch("b", BIG, np.float64) for _ in range(sc.PER_TAG + 3)]
    assert len({id(h) for h in held}) == len(held)              # all in use: all distinct
    assert len(sc._local.pools["b"]) == sc.PER_TAG


def test_each_thread_has_its_own_pool():
    mine = sc.scratch("th", BIG, np.float64)
    theirs = []
    t = threading.Thread(target=lambda: theirs.append(id(sc.scratch("th", BIG, np.float64))))
    t.start()
    t.join()
    assert theirs[0] != id(mine)


def test_two_forwards_then_the_first_backward_is_still_right():
    """A layer keeps its cache (with the im2col matrix) while another forward runs: recycling must
    never hand that matrix out again, nor the first forward's output."""
    rng = np.random.default_rng(0)
    A1, A2 = rng.random((8, 40, 40, 3)), rng.random((8, 40, 40, 3))
    W, b = rng.normal(size=(4, 4, 3, 8)), rng.normal(size=(1, 1, 1, 8))
    hp = {"stride": 1, "pad": "same"}
    Z1, cache1 = dl.conv_forward(A1, W, b, hp)
    Z1_copy = Z1.copy()
    dZ = rng.normal(size=Z1.shape)
    want = [g.copy() for g in dl.conv_backward(dZ, cache1)]
    for _ in range(3):                        # more forwards and backwards of other data
        Z2, cache2 = dl.conv_forward(A2, W, b, hp)
        dl.conv_backward(rng.normal(size=Z2.shape), cache2)
    np.testing.assert_array_equal(Z1, Z1_copy)
    for got, w in zip(dl.conv_backward(dZ, cache1), want):
        np.testing.assert_array_equal(got, w)
    ref = dl.conv_backward_loop(dZ[:1], dl.conv_forward_loop(A1[:1], W, b, hp)[1])
    np.testing.assert_allclose(want[0][:1], ref[0], rtol=1e-11, atol=1e-11)


def test_a_held_pooling_gradient_is_not_overwritten_by_the_next_one():
    rng = np.random.default_rng(1)
    hp = {"f": 2, "stride": 2}
    A1, A2 = rng.normal(size=(16, 64, 64, 8)), rng.normal(size=(16, 64, 64, 8))
    P1, c1 = dl.pool_forward(A1, hp, "max")
    dA1 = dl.pool_backward(np.ones_like(P1), c1)
    kept = dA1.copy()
    P2, c2 = dl.pool_forward(A2, hp, "max")
    dA2 = dl.pool_backward(np.ones_like(P2), c2)
    assert dA2 is not dA1
    np.testing.assert_array_equal(dA1, kept)
    assert dA1.sum() == P1.size                  # one input per window takes the gradient
