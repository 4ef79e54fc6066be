"""Convolution: the vectorized functions against the lecture's loops, gradient checks, the output-size
formula and "same" padding, the course's shape cases, golden values, and every bad-input message."""
import sys
from pathlib import Path

import numpy as np
import pytest

import dlutils as dl

ROOT = Path(__file__).resolve().parents[2]


def _conv_inputs(rng, m=2, n_H=5, n_W=7, n_C_prev=3, f=3, n_C=4):
    A_prev = rng.standard_normal((m, n_H, n_W, n_C_prev))
    W = rng.standard_normal((f, f, n_C_prev, n_C))
    b = rng.standard_normal((1, 1, 1, n_C))
    return A_prev, W, b


# -- sizes and padding ---------------------------------------------------------------------------
@pytest.mark.parametrize("n, f, pad, stride, expected", [
    (6, 3, 0, 1, 4),          # lecture: 6x6 * 3x3 -> 4x4
    (6, 3, 1, 1, 6),          # padding 1 keeps 6
    (7, 3, 0, 2, 3),          # lecture: 7x7, f 3, stride 2 -> 3x3
    (5, 3, 1, 2, 3),          # the course's (2, 5, 7, 4) case: rows
    (7, 3, 1, 2, 4),          # ... and columns
    (4, 2, 2, 1, 7),          # old course case (10, 4, 4, 3), W 2x2, pad 2 -> 7
    (8, 3, 0, 3, 2),          # floor((8 - 3) / 3) + 1 = 2
    (64, 4, "same", 1, 64), (64, 3, "same", 2, 32), (63, 3, "same", 2, 32), (9, 4, "valid", 1, 6),
])
def test_conv_output_size(n, f, pad, stride, expected):
    assert dl.conv_output_size(n, f, pad, stride) == expected


@pytest.mark.parametrize("n, f, stride, expected", [
    (7, 3, 1, (1, 1)), (7, 5, 1, (2, 2)), (7, 4, 1, (1, 2)), (64, 2, 1, (0, 1)),  # odd f: (f-1)/2; even f: extra after
    (8, 3, 2, (0, 1)), (7, 3, 2, (1, 1)), (5, 1, 1, (0, 0)),
])
def test_same_padding_rule(n, f, stride, expected):
    assert dl.resolve_padding(n, f, "same", stride) == expected
    before, after = expected
    assert (n + before + after - f) // stride + 1 == -(-n // stride)
    assert dl.resolve_padding(n, f, "valid", stride) == (0, 0)
    assert dl.resolve_padding(n, f, 2, stride) == (2, 2)


def test_zero_pad_pads_only_height_and_width():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4, 3, 3, 2))
    X_pad = dl.zero_pad(X, 3)
    assert X_pad.shape == (4, 9, 9, 2)
    np.testing.assert_array_equal(X_pad[:, 3:6, 3:6, :], X)
    assert np.all(X_pad[:, :3] == 0) and np.all(X_pad[:, :, 6:] == 0)
    assert dl.zero_pad(X, ((1, 2), (0, 3))).shape == (4, 6, 6, 2)
    assert dl.zero_pad(X, 0).shape == X.shape


def test_conv_single_step_golden():
    a = np.arange(18, dtype=float).reshape(3, 3, 2) / 10
    W = np.linspace(-1, 1, 18).reshape(3, 3, 2)
    b = np.array([[[0.5]]])
    expected = float(np.sum(a * W)) + 0.5
    assert dl.conv_single_step(a, W, b) == pytest.approx(expected)
    assert dl.conv_single_step(a, W, b) == pytest.approx(6.2)        # by hand: (-153 + 2/17 * 1785) / 10 + 0.5
    assert isinstance(dl.conv_single_step(a, W, b), float)


def test_conv_forward_golden_edge_detector():
    """The lecture's 6x6 image (bright left half) with the vertical-edge filter [1 0 -1]."""
    img = np.zeros((1, 6, 6, 1))
    img[0, :, :3, 0] = 10
    W = np.array([[1, 0, -1]] * 3, dtype=float).reshape(3, 3, 1, 1)
    Z, _ = dl.conv_forward(img, W, np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0})
    expected = np.array([[0, 30, 30, 0]] * 4, dtype=float)
    np.testing.assert_allclose(Z[0, :, :, 0], expected)
    Z2, _ = dl.conv_forward_loop(img, W, np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0})
    np.testing.assert_allclose(Z2[0, :, :, 0], expected)


def test_no_filter_flip_cross_correlation():
    """Deep-learning 'convolution' does not flip the filter: an asymmetric kernel proves it."""
    A = np.zeros((1, 1, 3, 1))
    A[0, 0, :, 0] = [1.0, 2.0, 3.0]
    W = np.array([1.0, 0.0, 0.0]).reshape(1, 3, 1, 1)
    Z, _ = dl.conv_forward(A, W, np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0})
    assert Z.item() == 1.0          # a flipped filter (true convolution) would give 3.0


# -- the course's shape cases --------------------------------------------------------------------
@pytest.mark.parametrize("fwd", [dl.conv_forward, dl.conv_forward_loop])
def test_course_shape_cases(fwd):
    rng = np.random.default_rng(1)
    A, W, b = _conv_inputs(rng, 2, 5, 7, 4, 3, 8)
    Z, cache = fwd(A, W, b, {"pad": 1, "stride": 2})
    assert Z.shape == (2, 3, 4, 8)
    A, W, b = _conv_inputs(rng, 10, 4, 4, 3, 2, 8)
    Z, cache = fwd(A, W, b, {"pad": 2, "stride": 1})
    assert Z.shape == (10, 7, 7, 8)
    dA, dW, db = dl.conv_backward(rng.standard_normal(Z.shape), cache)
    assert dA.shape == A.shape and dW.shape == W.shape and db.shape == b.shape


# -- fast == loop --------------------------------------------------------------------------------
CASES = [(s, p, f, n_C_prev) for s in (1, 2) for p in (0, 1, "same", "valid") for f in (1, 2, 3)
         for n_C_prev in (1, 3)] + [(3, 2, 5, 2), (1, "same", 4, 5), (2, "same", 4, 3), (1, 1, 3, 16),
                                    (2, 2, 3, 20), (1, "same", 2, 40)]


@pytest.mark.parametrize("stride, pad, f, n_C_prev", CASES)
def test_fast_matches_loop(stride, pad, f, n_C_prev):
    rng = np.random.default_rng(hash((stride, str(pad), f, n_C_prev)) % 2**32)
    A, W, b = _conv_inputs(rng, 3, 7, 6, n_C_prev, f, 5)      # odd sizes, several channels
    hp = {"stride": stride, "pad": pad}
    Z, cache = dl.conv_forward(A, W, b, hp)
    Zl, cache_l = dl.conv_forward_loop(A, W, b, hp)
    np.testing.assert_allclose(Z, Zl, rtol=1e-12, atol=1e-12)
    dZ = rng.standard_normal(Z.shape)
    for fast, loop in zip(dl.conv_backward(dZ, cache), dl.conv_backward_loop(dZ, cache_l)):
        assert fast.shape == loop.shape
        np.testing.assert_allclose(fast, loop, rtol=1e-11, atol=1e-11)
    # either backward accepts either forward's cache
    for fast, loop in zip(dl.conv_backward(dZ, cache_l), dl.conv_backward_loop(dZ, cache)):
        np.testing.assert_allclose(fast, loop, rtol=1e-11, atol=1e-11)


@pytest.mark.parametrize("make", [
    lambda g: g[None, :, :, None],                                  # new axes: stride-0 views
    lambda g: np.repeat(g[:, :, None], 2, axis=2)[None],
    lambda g: np.ascontiguousarray(np.stack([g, g.T])[..., None]).transpose(0, 2, 1, 3),  # transposed view
    lambda g: np.stack([g, g])[:, ::2, ::-1, None],                 # strided, reversed
])
def test_views_and_non_contiguous_inputs(make):
    g = np.random.default_rng(7).standard_normal((9, 9))
    A = make(g)
    W = np.random.default_rng(8).standard_normal((3, 3, A.shape[3], 2))
    b = np.zeros((1, 1, 1, 2))
    for hp in ({"stride": 1, "pad": 0}, {"stride": 2, "pad": "same"}):
        Z, cache = dl.conv_forward(A, W, b, hp)
        Zl, _ = dl.conv_forward_loop(np.array(A), W, b, hp)
        np.testing.assert_allclose(Z, Zl, atol=1e-12)
        dZ = np.random.default_rng(9).standard_normal(Z.shape)
        np.testing.assert_allclose(dl.conv_backward(dZ, cache)[1], dl.conv_backward_loop(dZ, cache)[1], atol=1e-11)


def test_need_dA_prev_false_skips_only_the_input_gradient():
    rng = np.random.default_rng(2)
    A, W, b = _conv_inputs(rng)
    Z, cache = dl.conv_forward(A, W, b, {"stride": 1, "pad": "same"})
    dZ = rng.standard_normal(Z.shape)
    dA, dW, db = dl.conv_backward(dZ, cache)
    none, dW2, db2 = dl.conv_backward(dZ, cache, need_dA_prev=False)
    assert none is None
    np.testing.assert_array_equal(dW, dW2)
    np.testing.assert_array_equal(db, db2)


def test_hand_made_cache_tuple_works():
    """A learner's (A_prev, W, b, hparameters) tuple without the resolved padding is accepted."""
    rng = np.random.default_rng(3)
    A, W, b = _conv_inputs(rng)
    hp = {"stride": 2, "pad": 1}
    Z, cache = dl.conv_forward(A, W, b, hp)
    dZ = rng.standard_normal(Z.shape)
    for g, h in zip(dl.conv_backward(dZ, (A, W, b, hp)), dl.conv_backward(dZ, cache)):
        np.testing.assert_allclose(g, h, rtol=1e-12, atol=1e-12)


# -- gradient checks (float64, random upstream gradient, random non-zero parameters) ------------
@pytest.mark.parametrize("pad, f, n_C_prev, m", [(0, 1, 3, 2), ("same", 2, 1, 1), (1, 3, 3, 3),
                                               ("same", 4, 3, 2), ((2), 5, 2, 2), ("same", 3, 16, 2)])
def test_both_input_gradient_strategies_match_the_loops(pad, f, n_C_prev, m):
    """conv_input_grad has two ways to add up dA_prev at stride 1 (block-Toeplitz products over the
    flat pixel list, and shifted adds); each must equal the lecture's loops on the same case."""
    from dlutils.nn import conv_input_grad as cig
    rng = np.random.default_rng(f * 100 + n_C_prev)
    A, W, b = _conv_inputs(rng, m, 7, 6, n_C_prev, f, 4)
    hp = {"stride": 1, "pad": pad}
    Z, cache = dl.conv_forward_loop(A, W, b, hp)
    dZ = rng.standard_normal(Z.shape)
    want = dl.conv_backward_loop(dZ, cache)[0]
    pads = dl.conv_forward(A, W, b, hp)[1].hparameters["padding"]
    dZ2 = dZ.reshape(-1, W.shape[3])
    for strategy in (cig._flat_blocks(dZ2, W, A.shape, pads, A.dtype),
                     cig._shifted_adds(dZ2, W, A.shape, 1, pads, A.dtype)):
        assert strategy.shape == A.shape and strategy.flags.c_contiguous
        np.testing.assert_allclose(strategy, want, rtol=1e-11, atol=1e-11)


@pytest.mark.parametrize("forward, backward", [(dl.conv_forward, dl.conv_backward),
                                               (dl.conv_forward_loop, dl.conv_backward_loop)])
@pytest.mark.parametrize("stride, pad, f, n_C_prev", [(1, 1, 3, 2), (2, "same", 3, 3), (1, "same", 4, 2),
                                                      (2, 0, 2, 3), (1, 0, 3, 12)])
def test_gradient_check(forward, backward, stride, pad, f, n_C_prev):
    rng = np.random.default_rng(f * 10 + stride)
    A, W, b = _conv_inputs(rng, 2, 5, 4, n_C_prev, f, 3)
    hp = {"stride": stride, "pad": pad}
    errs = dl.check_layer(lambda a, w, bb: forward(a, w, bb, hp), backward, [A, W, b], rng)
    assert all(e < 1e-6 for e in errs), errs


def test_gradient_check_bites_on_a_broken_backward():
    """The same check fails when backward forgets that windows overlap (= instead of +=)."""
    rng = np.random.default_rng(4)
    A, W, b = _conv_inputs(rng, 1, 4, 4, 1, 3, 1)
    hp = {"stride": 1, "pad": 1}

    def broken(dZ, cache):
        dA, dW, db = dl.conv_backward(dZ, cache)
        return dA * 0.5, dW, db
    errs = dl.check_layer(lambda a, w, bb: dl.conv_forward(a, w, bb, hp), broken, [A, W, b], rng)
    assert errs[0] > 1e-2 and errs[1] < 1e-6


# -- bad input -----------------------------------------------------------------------------------
def _bad(A=None, W=None, b=None, hp=None):
    rng = np.random.default_rng(5)
    A0, W0, b0 = _conv_inputs(rng, 2, 8, 8, 3, 3, 4)
    return (A0 if A is None else A, W0 if W is None else W, b0 if b is None else b,
            {"stride": 1, "pad": 1} if hp is None else hp)


@pytest.mark.parametrize("args, match", [
    (_bad(A=np.zeros((2, 3, 8, 8))), r"conv_forward: A_prev has shape \(2, 3, 8, 8\).*did you pass \(m, n_C, n_H, n_W\)\? try A_prev.transpose\(0, 2, 3, 1\)"),
    (_bad(A=np.zeros((192, 2))), r"conv_forward: A_prev has shape \(192, 2\), a dense \(n_x, m\) array.*\(m, n_H, n_W, n_C\)"),
    (_bad(A=np.zeros((8, 8, 3))), r"one\s+image.*A_prev\[None\]"),
    (_bad(A=np.zeros((2, 8, 8, 5))), r"A_prev has 5 channels.*n_C_prev = 3"),
    (_bad(W=np.zeros((3, 3, 4))), r"W has shape \(3, 3, 4\) but expected \(f, f, n_C_prev, n_C\)"),
    (_bad(b=np.zeros(4)), r"b has shape \(4,\), expected \(1, 1, 1, 4\).*b.reshape\(1, 1, 1, -1\)"),
    (_bad(hp={"stride": 1, "pad": 0}, A=np.zeros((2, 2, 2, 3))), r"do not fit into the input.*no output.*pad='same'"),
    (_bad(hp={"stride": 1.5, "pad": 0}), r"stride must be a whole number, got 1.5"),
    (_bad(hp={"stride": 1, "pad": 0.5}), r"pad must be a whole number, got 0.5"),
    (_bad(hp={"stride": 0, "pad": 0}), r"stride must be >= 1, got 0"),
    (_bad(hp={"stride": 1, "pad": "full"}), r"pad must be an int >= 0, 'same' or 'valid', got 'full'"),
    (_bad(hp={"stride": 1}), r"hparameters must be a dict with 'stride' and 'pad'"),
    (_bad(hp={"pad": 1}), r"hparameters must be a dict with 'stride'"),
])
@pytest.mark.parametrize("fwd", [dl.conv_forward, dl.conv_forward_loop])
def test_bad_input(fwd, args, match):
    match = match.replace("conv_forward:", f"{fwd.__name__}:")
    with pytest.raises(ValueError, match=match):
        fwd(*args)


def test_bad_sizes_and_dZ():
    with pytest.raises(ValueError, match=r"conv_output_size: a filter of size f=5 does not fit.*no output"):
        dl.conv_output_size(3, 5, 0, 1)
    with pytest.raises(ValueError, match=r"n must be a whole number, got 6.5"):
        dl.conv_output_size(6.5, 3, 0, 1)
    with pytest.raises(ValueError, match=r"f must be an integer >= 1, got '3'"):
        dl.conv_output_size(6, "3", 0, 1)
    with pytest.raises(ValueError, match=r"zero_pad: X has shape \(3, 3\).*\(m, n_H, n_W, n_C\)"):
        dl.zero_pad(np.zeros((3, 3)), 1)
    with pytest.raises(ValueError, match=r"conv_single_step: a_slice_prev has shape \(3, 3, 2\) but W"):
        dl.conv_single_step(np.zeros((3, 3, 2)), np.zeros((3, 3, 3)), 0.0)
    with pytest.raises(ValueError, match=r"conv_single_step: b must hold one number"):
        dl.conv_single_step(np.zeros((3, 3, 2)), np.zeros((3, 3, 2)), np.zeros(4))
    A, W, b, hp = _bad()
    Z, cache = dl.conv_forward(A, W, b, hp)
    for bwd in (dl.conv_backward, dl.conv_backward_loop):
        with pytest.raises(ValueError, match=rf"{bwd.__name__}: dZ has shape \(2, 8, 8, 3\).*\(2, 8, 8, 4\)"):
            bwd(np.zeros((2, 8, 8, 3)), cache)
        with pytest.raises(ValueError, match=rf"{bwd.__name__}: cache must be the"):
            bwd(np.zeros(Z.shape), None)


def test_integer_images_are_accepted_as_float():
    img = np.random.default_rng(6).integers(0, 256, (2, 6, 6, 3), dtype=np.uint8)
    W = np.ones((3, 3, 3, 1))
    Z, _ = dl.conv_forward(img, W, np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0})
    assert Z.dtype == np.float64
    assert Z[0, 0, 0, 0] == img[0, :3, :3, :].astype(float).sum()


# -- the benchmark's contenders compute the same thing (small problem, no timing) ---------------
def test_benchmark_contenders_agree():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_conv as bc
    finally:
        sys.path.pop(0)
    A, W, b, hp, dZ = bc.make_problem(m=2, n_H=9, n_C_prev=3, f=4, n_C=5)
    errs = bc.check_conv_agreement(A, W, b, hp, dZ, with_torch=False)
    assert errs["loop"] < 1e-9
    Z, _ = dl.conv_forward(A, W, b, hp)
    bc.check_pool_agreement(Z[:, :8, :8], np.random.default_rng(0).normal(size=(2, 4, 4, 5)), with_torch=False)
