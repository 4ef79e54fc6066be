"""Benchmark: convolution and pooling forward + backward, side by side in one run.

    python benchmarks/bench_conv.py                 # full run (about 2-4 minutes on a loaded box)
    python benchmarks/bench_conv.py --quick         # smoke run on a tiny problem (seconds)
    python benchmarks/bench_conv.py --both-threads  # runs itself twice: OPENBLAS_NUM_THREADS=1, then the default

Sections (each a list of contenders timed in ONE process, interleaved round by round so the
machine's load hits every contender alike; medians of several repeats after a warm-up):

1. conv step: ``conv_forward`` + ``conv_backward`` on ``A_prev (64, 64, 64, 3)`` with 8 filters
   4x4, stride 1, "same" padding (the first layer of the c4/02 CNN), float64. Contenders:
   ``dlutils`` (all three gradients), ``dlutils, no dA_prev`` (what a first layer needs),
   ``loop`` (``conv_forward_loop`` + ``conv_backward_loop``, the lecture's loops, on
   ``LOOP_EXAMPLES`` examples and scaled linearly to the batch: the loops cost the same per
   example), and PyTorch CPU ``conv2d`` forward + autograd backward in float64 and float32
   (input gradient on / off to match the two dlutils rows) when ``import torch`` works.
2. 2x2 max-pool stride 2, forward + backward, on the conv output ``(64, 64, 64, 8)``.
3. The c4/02 CNN (conv 16-32-64 3x3, 2x2 pools, dense 6): one Adam training step on a batch of 64,
   dlutils vs the same net in PyTorch. More sections: add a function with ``register_section``
   that returns ``(title, {name: seconds})``; it is printed like the others.

Before timing, every contender's outputs and gradients are checked against dlutils (to 1e-9 in
float64, 1e-3 relative in float32) - timing different computations would mean nothing.
Threads: numpy/OpenBLAS uses whatever ``OPENBLAS_NUM_THREADS`` says; torch is set to the same
number when the variable is set, and left at its default otherwise (``--torch-threads N`` overrides).
PyTorch is never a requirement of the workbook; without it the torch rows are skipped.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np

import dlutils as dl

M, N_H, N_C_PREV, F, N_C = 64, 64, 3, 4, 8
LOOP_EXAMPLES = 1
SECTIONS = []          # extra sections: functions quick -> (title, {contender: seconds per step}) or None


def register_section(fn):
    """Decorator / call for another helper's section (e.g. the c4/02 CNN training step)."""
    SECTIONS.append(fn)
    return fn


# ---------------------------------------------------------------------------------------
# problems and contenders
# ---------------------------------------------------------------------------------------
def make_problem(m=M, n_H=N_H, n_C_prev=N_C_PREV, f=F, n_C=N_C, seed=0):
    rng = np.random.default_rng(seed)
    A_prev = rng.random((m, n_H, n_H, n_C_prev))            # like pixels / 255
    W = rng.normal(0, np.sqrt(2 / (f * f * n_C_prev)), (f, f, n_C_prev, n_C))
    b = rng.normal(0, 0.1, (1, 1, 1, n_C))
    hp = {"stride": 1, "pad": "same"}
    Z, _ = dl.conv_forward(A_prev, W, b, hp)
    dZ = rng.normal(size=Z.shape)                            # a random upstream gradient
    return A_prev, W, b, hp, dZ


def dlutils_conv(A_prev, W, b, hp, dZ, need_dA_prev=True):
    def step():
        Z, cache = dl.conv_forward(A_prev, W, b, hp)
        return (Z,) + dl.conv_backward(dZ, cache, need_dA_prev=need_dA_prev)
    return step


def loop_conv(A_prev, W, b, hp, dZ):
    k = min(LOOP_EXAMPLES, A_prev.shape[0])
    A1, dZ1 = A_prev[:k], dZ[:k]

    def step():
        Z, cache = dl.conv_forward_loop(A1, W, b, hp)
        return (Z,) + dl.conv_backward_loop(dZ1, cache)
    return step, A_prev.shape[0] / k            # scale: the loops cost the same per example


def torch_conv(A_prev, W, b, dZ, dtype_name, need_dA_prev=True):
    import torch
    dtype = getattr(torch, dtype_name)
    x = torch.tensor(A_prev.transpose(0, 3, 1, 2).copy(), dtype=dtype)      # NCHW, converted once
    w = torch.tensor(W.transpose(3, 2, 0, 1).copy(), dtype=dtype, requires_grad=True)
    bt = torch.tensor(b.reshape(-1), dtype=dtype, requires_grad=True)
    g = torch.tensor(dZ.transpose(0, 3, 1, 2).copy(), dtype=dtype)
    x.requires_grad_(need_dA_prev)

    def step():
        for t in (x, w, bt):
            t.grad = None
        z = torch.nn.functional.conv2d(x, w, bt, stride=1, padding="same")
        z.backward(g)
        return z, x.grad, w.grad, bt.grad
    return step


def dlutils_pool(A, dA):
    hp = {"f": 2, "stride": 2}

    def step():
        P, cache = dl.pool_forward(A, hp, "max")
        return P, dl.pool_backward(dA, cache)
    return step


def loop_pool(A, dA):
    k = min(LOOP_EXAMPLES, A.shape[0])
    hp = {"f": 2, "stride": 2}

    def step():
        P, cache = dl.pool_forward_loop(A[:k], hp, "max")
        return P, dl.pool_backward_loop(dA[:k], cache)
    return step, A.shape[0] / k


def torch_pool(A, dA, dtype_name):
    import torch
    dtype = getattr(torch, dtype_name)
    x = torch.tensor(A.transpose(0, 3, 1, 2).copy(), dtype=dtype, requires_grad=True)
    g = torch.tensor(dA.transpose(0, 3, 1, 2).copy(), dtype=dtype)

    def step():
        x.grad = None
        p = torch.nn.functional.max_pool2d(x, 2, 2)
        p.backward(g)
        return p, x.grad
    return step


def torch_available():
    try:
        import torch  # noqa: F401
        return True
    except Exception:
        return False


# ---------------------------------------------------------------------------------------
# agreement checks
# ---------------------------------------------------------------------------------------
def _nhwc(t):
    """A torch NCHW tensor as a float64 numpy (m, n_H, n_W, n_C) array."""
    return t.detach().numpy().astype(np.float64).transpose(0, 2, 3, 1)


def check_conv_agreement(A_prev, W, b, hp, dZ, with_torch=True):
    """dlutils == loops (first examples) == torch: Z, dA_prev, dW, db. Returns the max errors."""
    Z, dA, dW, db = dlutils_conv(A_prev, W, b, hp, dZ)()
    k = min(LOOP_EXAMPLES, A_prev.shape[0])
    Zl, dAl, dWl, dbl = loop_conv(A_prev, W, b, hp, dZ)[0]()
    Zk, c = dl.conv_forward(A_prev[:k], W, b, hp)
    dAk, dWk, dbk = dl.conv_backward(dZ[:k], c)
    errs = {"loop": max(np.max(np.abs(x - y)) for x, y in ((Zl, Zk), (dAl, dAk), (dWl, dWk), (dbl, dbk)))}
    assert np.allclose(Zl, Z[:k], atol=1e-9) and errs["loop"] < 1e-9, errs
    _, none_dA, dW2, _ = dlutils_conv(A_prev, W, b, hp, dZ, need_dA_prev=False)()
    assert none_dA is None and np.allclose(dW2, dW, rtol=1e-12, atol=1e-12)
    if with_torch and torch_available():
        for dtype_name, tol in (("float64", 1e-9), ("float32", 1e-3)):
            z, x_grad, w_grad, b_grad = torch_conv(A_prev, W, b, dZ, dtype_name)()
            got = [_nhwc(z), _nhwc(x_grad), w_grad.detach().numpy().transpose(2, 3, 1, 0),
                   b_grad.detach().numpy().reshape(db.shape)]
            err = max(np.max(np.abs(g - r)) / (1 + np.max(np.abs(r))) for g, r in zip(got, (Z, dA, dW, db)))
            assert err < tol, (dtype_name, err)
            errs["torch " + dtype_name] = err
    return errs


def check_pool_agreement(A, dA, with_torch=True):
    P, dA_prev = dlutils_pool(A, dA)()
    k = min(LOOP_EXAMPLES, A.shape[0])
    Pl, dAl = loop_pool(A, dA)[0]()
    assert np.allclose(Pl, P[:k]) and np.allclose(dAl, dA_prev[:k])
    if with_torch and torch_available():
        p, g = torch_pool(A, dA, "float64")()
        assert np.allclose(_nhwc(p), P) and np.allclose(_nhwc(g), dA_prev)


# ---------------------------------------------------------------------------------------
# timing
# ---------------------------------------------------------------------------------------
def timed_interleaved(steps, repeats, warmup=1):
    """Median seconds per call of each ``steps[name] = (fn, scale)``; rounds interleave the
    contenders; ``scale`` multiplies a contender's time (the loop runs on fewer examples)."""
    for fn, _ in steps.values():
        for _ in range(warmup):
            fn()
    samples = {name: [] for name in steps}
    for _ in range(repeats):
        for name, (fn, scale) in steps.items():
            t0 = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - t0) * scale)
    return {name: statistics.median(v) for name, v in samples.items()}


def bench_conv(quick):
    shape = dict(m=4, n_H=16) if quick else {}
    A_prev, W, b, hp, dZ = make_problem(**shape)
    check_conv_agreement(A_prev, W, b, hp, dZ)
    steps = {"dlutils": (dlutils_conv(A_prev, W, b, hp, dZ), 1.0),
             "dlutils, no dA_prev": (dlutils_conv(A_prev, W, b, hp, dZ, need_dA_prev=False), 1.0)}
    loop_fn, scale = loop_conv(A_prev, W, b, hp, dZ)
    steps[f"loop ({LOOP_EXAMPLES} ex. x {scale:.0f})"] = (loop_fn, scale)
    if torch_available():
        for name in ("float64", "float32"):
            steps[f"torch {name}"] = (torch_conv(A_prev, W, b, dZ, name), 1.0)
            steps[f"torch {name}, no dA_prev"] = (torch_conv(A_prev, W, b, dZ, name, need_dA_prev=False), 1.0)
    title = (f"conv forward + backward, A_prev {A_prev.shape}, W {W.shape}, stride 1, same padding, "
             f"float64 (torch rows: their dtype)")
    return title, timed_interleaved(steps, 3 if quick else 9)


def bench_pool(quick):
    shape = dict(m=4, n_H=16) if quick else {}
    A_prev, W, b, hp, _ = make_problem(**shape)
    A, _ = dl.conv_forward(A_prev, W, b, hp)
    dA = np.random.default_rng(1).normal(size=(A.shape[0], A.shape[1] // 2, A.shape[2] // 2, A.shape[3]))
    check_pool_agreement(A, dA)
    steps = {"dlutils": (dlutils_pool(A, dA), 1.0)}
    loop_fn, scale = loop_pool(A, dA)
    steps[f"loop ({LOOP_EXAMPLES} ex. x {scale:.0f})"] = (loop_fn, scale)
    if torch_available():
        for name in ("float64", "float32"):
            steps[f"torch {name}"] = (torch_pool(A, dA, name), 1.0)
    return f"2x2 max-pool stride 2, forward + backward, on {A.shape}", timed_interleaved(steps, 3 if quick else 15)


# -- the c4/02 CNN: one training step on a batch of 64 -------------------------------------------
def signs_cnn_layers():
    """The 3-stage CNN of c4/02 (32x32x3 signs), without dropout so both libraries do the same work."""
    return [dl.Conv2D(16, 3, activation="relu"), dl.MaxPool2D(2),
            dl.Conv2D(32, 3, activation="relu"), dl.MaxPool2D(2),
            dl.Conv2D(64, 3, activation="relu"), dl.MaxPool2D(2),
            dl.Flatten(), dl.Dense(6, activation="softmax")]


def torch_signs_cnn(model, dtype_name):
    """The same net in PyTorch (NCHW inside), conv weights copied from dlutils; the dense layer keeps
    torch's own initial weights (same shape, same work: this section times a step, it compares no values)."""
    import torch
    dtype = getattr(torch, dtype_name)
    convs = [k for k in model.params if k.endswith("_W") and model.params[k].ndim == 4]
    layers, c_in = [], 3
    for k in convs:
        W = model.params[k]
        conv = torch.nn.Conv2d(c_in, W.shape[3], W.shape[0], padding="same").to(dtype)
        with torch.no_grad():
            conv.weight.copy_(torch.from_numpy(W.transpose(3, 2, 0, 1).copy()))
            conv.bias.copy_(torch.from_numpy(model.params[k[:-1] + "b"].ravel().copy()))
        layers += [conv, torch.nn.ReLU(), torch.nn.MaxPool2d(2)]
        c_in = W.shape[3]
    dense_W = [k for k in model.params if model.params[k].ndim == 2 and model.params[k].shape[0] == 6][0]
    lin = torch.nn.Linear(model.params[dense_W].shape[1], 6).to(dtype)
    return torch.nn.Sequential(*layers, torch.nn.Flatten(), lin), lin


@register_section
def bench_cnn_step(quick):
    rng = np.random.default_rng(0)
    m = 8 if quick else 64
    X = rng.uniform(0, 1, (m, 32, 32, 3))
    Y = rng.integers(0, 6, (1, m))
    model = dl.Sequential(signs_cnn_layers(), input_shape=(32, 32, 3), rng=np.random.default_rng(1))
    configs = dl.make_optimizer_configs(model.params, "adam", 1e-3)

    def dl_step():
        cost, grads = model.loss(X, Y)
        for k, g in grads.items():
            model.params[k], configs[k] = dl.adam(model.params[k], g, configs[k])

    steps = {"dlutils": (dl_step, 1.0)}
    if torch_available():
        import torch
        for name in ("float64", "float32"):
            net, _ = torch_signs_cnn(model, name)
            opt = torch.optim.Adam(net.parameters(), lr=1e-3)
            Xt = torch.from_numpy(X.transpose(0, 3, 1, 2).copy()).to(getattr(torch, name))
            Yt = torch.from_numpy(Y.ravel().astype(np.int64))

            def t_step(net=net, opt=opt, Xt=Xt, Yt=Yt):
                opt.zero_grad()
                torch.nn.functional.cross_entropy(net(Xt), Yt).backward()
                opt.step()
            steps[f"torch {name}"] = (t_step, 1.0)
    return (f"c4/02 CNN training step (Adam), batch {m} of 32x32x3, conv 16-32-64 3x3 + 2x2 pools",
            timed_interleaved(steps, 3 if quick else 9))


def fmt(s):
    return f"{s * 1e3:10.2f} ms" if s < 10 else f"{s:10.2f} s "


def print_table(title, med, ref="dlutils"):
    base = med[ref]
    t64 = med.get("torch float64")
    print(f"\n{title}; median per step")
    print(f"{'contender':28s} {'time':>13s} {'x dlutils':>10s} {'x torch f64':>12s}")
    for name, t in med.items():
        vs = f"{t / t64:11.2f}x" if t64 else f"{'-':>12s}"
        print(f"{name:28s} {fmt(t):>13s} {t / base:9.2f}x {vs}")
    loop = [t for n, t in med.items() if n.startswith("loop")]
    if loop:
        print(f"loop / dlutils = {loop[0] / base:,.0f}x (target >= 300x)")
    if t64:
        print(f"dlutils / torch float64 = {base / t64:.2f} (target <= 1.0)")
        if "dlutils, no dA_prev" in med and "torch float64, no dA_prev" in med:
            print(f"without the input gradient: dlutils / torch float64 = "
                  f"{med['dlutils, no dA_prev'] / med['torch float64, no dA_prev']:.2f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description="conv and pooling forward+backward: dlutils vs loops vs PyTorch")
    ap.add_argument("--quick", action="store_true", help="tiny problem, few repeats (smoke run)")
    ap.add_argument("--torch-threads", type=int, default=None, help="torch.set_num_threads(N)")
    ap.add_argument("--both-threads", action="store_true",
                    help="run twice in subprocesses: OPENBLAS_NUM_THREADS=1, then the default")
    args = ap.parse_args(argv)
    if args.both_threads:
        rest = [a for a in (argv if argv is not None else sys.argv[1:]) if a != "--both-threads"]
        for setting in ("1", None):
            env = dict(os.environ)
            env.pop("OPENBLAS_NUM_THREADS", None)
            if setting:
                env["OPENBLAS_NUM_THREADS"] = setting
            print(f"===== OPENBLAS_NUM_THREADS={setting or 'unset (default)'} =====", flush=True)
            subprocess.run([sys.executable, os.path.abspath(__file__)] + rest, env=env, check=True)
        return None
    threads = os.environ.get("OPENBLAS_NUM_THREADS")
    warnings.filterwarnings("ignore", message=".*padding='same' with even kernel.*")   # torch's own note
    if torch_available():
        import torch
        n = args.torch_threads or (int(threads) if threads else None)
        if n:
            torch.set_num_threads(n)
    print(f"python {platform.python_version()}, numpy {np.__version__}, dlutils {dl.__version__}, "
          f"OPENBLAS_NUM_THREADS={threads or 'unset'}, cpus={os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "")
    if torch_available():
        import torch
        print(f"torch {torch.__version__} (CPU threads {torch.get_num_threads()})")
    else:
        print("torch: not importable here - PyTorch rows skipped")
    if args.quick:
        print("(quick smoke run on a tiny problem: the numbers are rough)")
    results = {}
    for section in [bench_conv, bench_pool] + SECTIONS:
        out = section(args.quick)
        if out is None:
            continue
        title, med = out
        print_table(title, med)
        results[title] = med
    return results


if __name__ == "__main__":
    main()
