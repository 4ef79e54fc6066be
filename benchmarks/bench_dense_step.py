"""Benchmark: one training step of the course's 4-layer dense net, side by side.

    python benchmarks/bench_dense_step.py            # full run (about a minute)
    python benchmarks/bench_dense_step.py --quick    # smoke run (a few seconds)

One step = forward + backward + gradient-descent update of the net [12288, 20, 7, 5, 1]
(ReLU hidden layers, sigmoid output, cross-entropy) on m = 209 examples, float64, timed in
ONE process, interleaved round by round so that the machine's load hits every contender
alike. Contenders:

- dlutils      ``model._loss(X, Y)`` + ``dl.gd`` on every parameter, exactly what ``dl.train`` runs
- loop         the version a learner writes first: a Python loop over the 209 examples, each
               forward + backward on one column, gradients accumulated, then averaged
- helper-style the course-assignment structure: dict of caches, ``dAL = -(Y/AL - (1-Y)/(1-AL))``,
               backward through the sigmoid, the input-layer gradient computed too, new arrays
               on every update
- torch f64/f32  PyTorch CPU autograd (only when ``import torch`` works; skipped otherwise)

Also the vectorization demo of c1/01 (dot, outer, elementwise: Python loop vs numpy).
Prints medians of several repeats after a warm-up, and ratios. Threads: whatever
OPENBLAS_NUM_THREADS (and torch's default) give in this environment; nothing is changed.
"""
import argparse
import math
import os
import platform
import statistics
import sys
import time

import numpy as np

import dlutils as dl

LAYER_DIMS = [12288, 20, 7, 5, 1]
M = 209


# ---------------------------------------------------------------------------------------
# contenders for one training step
# ---------------------------------------------------------------------------------------
def make_problem(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.random((LAYER_DIMS[0], M))               # like pixels / 255
    Y = (rng.random((1, M)) < 0.35).astype(np.int64)  # about a third positives, as in the course set
    params = dl.initialize_parameters(LAYER_DIMS, "xavier", rng)
    return X, Y, params


def dlutils_step_factory(X, Y, params, learning_rate=0.0075):
    model = dl.DeepNet(LAYER_DIMS, params=params)
    X, Y = model.check_inputs(X, Y)                  # train() validates once, before the loop
    configs = dl.make_optimizer_configs(model.params, "gd", learning_rate)
    p = model.params

    def step():
        cost, grads = model._loss(X, Y)
        for k in p:
            p[k], configs[k] = dl.gd(p[k], grads[k], configs[k])
        return cost

    return step, model


def loop_step_factory(X, Y, params, learning_rate=0.0075):
    """Per-example loop: what a learner writes before vectorizing."""
    p = {k: v.copy() for k, v in params.items()}
    L = len(LAYER_DIMS) - 1
    Yf = Y.astype(float)

    def step():
        grads = {k: np.zeros_like(v) for k, v in p.items()}
        cost = 0.0
        for i in range(M):
            a = X[:, i:i + 1]
            acts, zs = [a], []
            for l in range(1, L + 1):
                z = p[f"W{l}"] @ a + p[f"b{l}"]
                a = np.maximum(z, 0) if l < L else 1 / (1 + np.exp(-z))
                zs.append(z)
                acts.append(a)
            y = Yf[0, i]
            yhat = a[0, 0]
            cost += -(y * math.log(yhat) + (1 - y) * math.log(1 - yhat))
            dz = a - y
            for l in range(L, 0, -1):
                grads[f"W{l}"] += dz @ acts[l - 1].T
                grads[f"b{l}"] += dz
                if l > 1:
                    da = p[f"W{l}"].T @ dz
                    dz = da * (zs[l - 2] > 0)
        for k in p:
            p[k] -= learning_rate * grads[k] / M
        return cost / M

    return step, p


def helper_step_factory(X, Y, params, learning_rate=0.0075):
    """The course-assignment structure: helper functions, dict caches, dAL through the sigmoid,
    the gradient w.r.t. the input layer computed as well, new arrays on every update."""
    state = {"p": {k: v.copy() for k, v in params.items()}}
    L = len(LAYER_DIMS) - 1
    Yf = Y.astype(float)

    def lin_act_forward(A_prev, W, b, act):
        Z = np.dot(W, A_prev) + b
        A = 1 / (1 + np.exp(-Z)) if act == "sigmoid" else np.maximum(0, Z)
        return A, {"A_prev": A_prev, "W": W, "b": b, "Z": Z}

    def lin_act_backward(dA, cache, act):
        Z = cache["Z"]
        if act == "sigmoid":
            s = 1 / (1 + np.exp(-Z))
            dZ = dA * s * (1 - s)
        else:
            dZ = np.array(dA, copy=True)
            dZ[Z <= 0] = 0
        m = cache["A_prev"].shape[1]
        dW = np.dot(dZ, cache["A_prev"].T) / m
        db = np.sum(dZ, axis=1, keepdims=True) / m
        dA_prev = np.dot(cache["W"].T, dZ)            # computed for layer 1 too
        return dA_prev, dW, db

    def step():
        p = state["p"]
        caches, A = [], X
        for l in range(1, L + 1):
            A, c = lin_act_forward(A, p[f"W{l}"], p[f"b{l}"], "relu" if l < L else "sigmoid")
            caches.append(c)
        AL = A
        cost = float(np.squeeze(-np.sum(Yf * np.log(AL) + (1 - Yf) * np.log(1 - AL)) / M))
        grads = {}
        dA = -(np.divide(Yf, AL) - np.divide(1 - Yf, 1 - AL))
        for l in range(L, 0, -1):
            dA, grads[f"dW{l}"], grads[f"db{l}"] = lin_act_backward(dA, caches[l - 1],
                                                                    "relu" if l < L else "sigmoid")
        state["p"] = {**{f"W{l}": p[f"W{l}"] - learning_rate * grads[f"dW{l}"] for l in range(1, L + 1)},
                      **{f"b{l}": p[f"b{l}"] - learning_rate * grads[f"db{l}"] for l in range(1, L + 1)}}
        return cost

    return step, state


def torch_step_factory(X, Y, params, dtype_name, learning_rate=0.0075):
    import torch
    dtype = getattr(torch, dtype_name)
    L = len(LAYER_DIMS) - 1
    Xt = torch.tensor(X, dtype=dtype)
    Yt = torch.tensor(Y, dtype=dtype)
    p = {k: torch.tensor(v, dtype=dtype, requires_grad=True) for k, v in params.items()}
    loss_fn = torch.nn.functional.binary_cross_entropy_with_logits

    def step():
        A = Xt
        for l in range(1, L + 1):
            Z = p[f"W{l}"] @ A + p[f"b{l}"]
            A = torch.relu(Z) if l < L else Z
        loss = loss_fn(A, Yt)
        for v in p.values():
            v.grad = None
        loss.backward()
        with torch.no_grad():
            for v in p.values():
                v.sub_(learning_rate * v.grad)
        return float(loss.detach())

    return step, p


# ---------------------------------------------------------------------------------------
# timing
# ---------------------------------------------------------------------------------------
def timed_interleaved(steps, repeats, inner, warmup=2):
    """Median seconds per call of each ``steps[name]``; rounds interleave the contenders."""
    for fn, _ in steps.values():
        for _ in range(warmup):
            fn()
    samples = {name: [] for name in steps}
    for _ in range(repeats):
        for name, (fn, n) in steps.items():
            n = n or inner
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            samples[name].append((time.perf_counter() - t0) / n)
    return {name: statistics.median(v) for name, v in samples.items()}, samples


def torch_available():
    try:
        import torch  # noqa: F401
        return True
    except Exception:
        return False


def check_agreement(X, Y, params):
    """All contenders compute the same first step (else timing them side by side means nothing)."""
    costs, new_W1 = {}, {}
    s, model = dlutils_step_factory(X, Y, params)
    costs["dlutils"] = s()
    new_W1["dlutils"] = model.params["W1"]
    s, p = loop_step_factory(X, Y, params)
    costs["loop"] = s()
    new_W1["loop"] = p["W1"]
    s, st = helper_step_factory(X, Y, params)
    costs["helper"] = s()
    new_W1["helper"] = st["p"]["W1"]
    if torch_available():
        s, p = torch_step_factory(X, Y, params, "float64")
        costs["torch"] = s()
        new_W1["torch"] = p["W1"].detach().numpy()
    ref_c, ref_w = costs["dlutils"], new_W1["dlutils"]
    for name in costs:
        assert abs(costs[name] - ref_c) < 1e-9 * max(1, abs(ref_c)), (name, costs[name], ref_c)
        assert np.allclose(new_W1[name], ref_w, rtol=1e-9, atol=1e-12), name
    return costs


def bench_step(quick):
    X, Y, params = make_problem()
    check_agreement(X, Y, params)
    repeats, inner = (2, 1) if quick else (15, 10)
    steps = {
        "dlutils": (dlutils_step_factory(X, Y, params)[0], None),
        "helper-style": (helper_step_factory(X, Y, params)[0], None),
        "loop (per example)": (loop_step_factory(X, Y, params)[0], 1),
    }
    if torch_available():
        steps["torch float64"] = (torch_step_factory(X, Y, params, "float64")[0], None)
        steps["torch float32"] = (torch_step_factory(X, Y, params, "float32")[0], None)
    med, _ = timed_interleaved(steps, repeats, inner, warmup=1 if quick else 2)
    return med


def bench_vectorization(quick):
    """c1/01's demo: the same result from a Python loop and from numpy."""
    rng = np.random.default_rng(1)
    n_dot = 20_000 if quick else 1_000_000
    n_outer = 100 if quick else 1_000
    n_elem = 20_000 if quick else 1_000_000
    x = rng.random(n_dot)
    y = rng.random(n_dot)
    u, v = rng.random(n_outer), rng.random(n_outer)
    a, b = rng.random(n_elem), rng.random(n_elem)

    def dot_loop():
        s = 0.0
        for i in range(n_dot):
            s += x[i] * y[i]
        return s

    def outer_loop():
        out = np.zeros((n_outer, n_outer))
        for i in range(n_outer):
            for j in range(n_outer):
                out[i, j] = u[i] * v[j]
        return out

    def elem_loop():
        out = np.zeros(n_elem)
        for i in range(n_elem):
            out[i] = a[i] * b[i]
        return out

    assert math.isclose(dot_loop(), float(np.dot(x, y)), rel_tol=1e-9)
    assert np.allclose(outer_loop(), np.outer(u, v))
    assert np.allclose(elem_loop(), a * b)
    repeats = 2 if quick else 5
    rows = []
    for label, loop_fn, vec_fn, vec_inner in (
        (f"dot, n = {n_dot:,}", dot_loop, lambda: np.dot(x, y), 50),
        (f"outer, {n_outer} x {n_outer}", outer_loop, lambda: np.outer(u, v), 20),
        (f"elementwise, n = {n_elem:,}", elem_loop, lambda: a * b, 50),
    ):
        med, _ = timed_interleaved({"loop": (loop_fn, 1), "numpy": (vec_fn, vec_inner)}, repeats, 1, warmup=1)
        rows.append((label, med["loop"], med["numpy"]))
    return rows


def fmt_ms(s):
    return f"{s * 1e3:9.3f} ms" if s >= 1e-4 else f"{s * 1e6:9.1f} us"


def main(argv=None):
    ap = argparse.ArgumentParser(description="One dense training step: dlutils vs loop vs helper-style vs PyTorch.")
    ap.add_argument("--quick", action="store_true", help="few repeats, small vectorization sizes (smoke run)")
    ap.add_argument("--torch-threads", type=int, default=None,
                    help="torch.set_num_threads(N), e.g. 1 to match OPENBLAS_NUM_THREADS=1")
    args = ap.parse_args(argv)
    if args.torch_threads and torch_available():
        import torch
        torch.set_num_threads(args.torch_threads)

    threads = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    print(f"python {platform.python_version()}, numpy {np.__version__}, dlutils {dl.__version__}, "
          f"OPENBLAS_NUM_THREADS={threads}, cpus={os.cpu_count()}")
    if torch_available():
        import torch
        print(f"torch {torch.__version__} (CPU threads {torch.get_num_threads()})")
    else:
        print("torch: not importable here - PyTorch rows skipped")
    print(f"{'(quick smoke run: numbers are rough)' if args.quick else ''}")

    med = bench_step(args.quick)
    base = med["dlutils"]
    torch64 = med.get("torch float64")
    print(f"\nOne training step (forward + backward + GD update), net {LAYER_DIMS}, m = {M}, median per step")
    print(f"{'contender':22s} {'time':>12s} {'x dlutils':>10s} {'x torch f64':>12s}")
    for name, t in med.items():
        vs_torch = f"{t / torch64:11.2f}x" if torch64 else f"{'-':>12s}"
        print(f"{name:22s} {fmt_ms(t):>12s} {t / base:9.2f}x {vs_torch}")
    if torch64:
        print(f"dlutils / torch float64 = {base / torch64:.2f} (target <= 1.0)")
    print(f"loop / dlutils = {med['loop (per example)'] / base:.1f}; helper-style / dlutils = "
          f"{med['helper-style'] / base:.2f}")

    print("\nVectorization demo (c1/01): Python loop vs numpy, median per call")
    print(f"{'operation':28s} {'loop':>12s} {'numpy':>12s} {'speed-up':>10s}")
    for label, t_loop, t_vec in bench_vectorization(args.quick):
        print(f"{label:28s} {fmt_ms(t_loop):>12s} {fmt_ms(t_vec):>12s} {t_loop / t_vec:9.0f}x")
    return med


if __name__ == "__main__":
    main()
