"""One Adam update and one full Adam training step: dlutils vs a naive numpy Adam vs PyTorch CPU.

Model: the Course 1 deep net [12288, 20, 7, 5, 1] (about 246k parameters), m = 209 examples,
float64 everywhere (PyTorch also in float32 for reference). Rows:

- adam update, dlutils per parameter: ``dl.adam`` on each of the 8 arrays (what ``dl.train`` does);
- adam update, dlutils flat: ``dl.adam`` once on one flat vector (what the live panels do);
- adam update, naive numpy: the textbook formulas written with new arrays each step
  (``v = b1 v + (1 - b1) g; v_hat = v / (1 - b1^t); ...``), what a learner writes first;
- adam update, torch: ``torch.optim.Adam.step()`` with the gradients already in ``.grad``;
- train step: forward + backward + Adam update on the full batch
  (dlutils ``DeepNet._loss`` + ``dl.adam`` per parameter vs ``nn.Sequential`` + ``BCEWithLogitsLoss``).

Medians of ``--repeats`` timings after a warm-up, all measured side by side in this one run;
ratios are against the dlutils per-parameter row of the same block. PyTorch rows are skipped
with a note when torch is not importable (it is never a requirement of the workbook).

    python benchmarks/bench_adam_step.py [--repeats 50] [--threads 1]
"""
import argparse
import os
import sys
import time

# --threads N pins numpy's BLAS and torch to N threads (must happen before numpy is imported);
# on a shared, loaded machine 1 thread gives far steadier numbers than the default
if "--threads" in sys.argv:
    _n = sys.argv[sys.argv.index("--threads") + 1]
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = _n

import numpy as np  # noqa: E402

import dlutils as dl  # noqa: E402

LAYER_DIMS = [12288, 20, 7, 5, 1]
M = 209


def compare(fns, repeats, warmup=3):
    """Median seconds of each function, timed round-robin (a load spike hits every row alike)."""
    for fn in fns:
        for _ in range(warmup):
            fn()
    ts = [[] for _ in fns]
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            ts[i].append(time.perf_counter() - t)
    return [float(np.median(t)) for t in ts]


def naive_adam(params, grads, state, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    state["t"] += 1
    t = state["t"]
    for k in params:
        state["v"][k] = b1 * state["v"][k] + (1 - b1) * grads[k]
        state["s"][k] = b2 * state["s"][k] + (1 - b2) * grads[k] ** 2
        v_hat = state["v"][k] / (1 - b1 ** t)
        s_hat = state["s"][k] / (1 - b2 ** t)
        params[k] = params[k] - lr * v_hat / (np.sqrt(s_hat) + eps)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=50)
    ap.add_argument("--threads", type=int, default=None, help="BLAS and torch threads (default: library default)")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    params = dl.initialize_parameters(LAYER_DIMS, "he", rng)
    n_params = sum(v.size for v in params.values())
    grads = {k: rng.standard_normal(v.shape) * 1e-3 for k, v in params.items()}
    X = rng.standard_normal((LAYER_DIMS[0], M))
    Y = rng.integers(0, 2, (1, M)).astype(float)
    cands = []   # (block, name, function), timed side by side per block

    # -- one Adam update ------------------------------------------------------------------
    p1 = {k: v.copy() for k, v in params.items()}
    cfg = dl.make_optimizer_configs(p1, "adam", 1e-3)

    def dl_per_param():
        for k in p1:
            p1[k], cfg[k] = dl.adam(p1[k], grads[k], cfg[k])
    cands.append(("adam update", "dlutils dl.adam per parameter (float64)", dl_per_param))

    theta = np.concatenate([v.ravel() for v in params.values()])
    gflat = np.concatenate([grads[k].ravel() for k in params])
    fcfg = dl.make_optimizer_configs({"theta": theta}, "adam", 1e-3)["theta"]

    def dl_flat():
        dl.adam(theta, gflat, fcfg)
    cands.append(("adam update", "dlutils dl.adam on one flat vector", dl_flat))

    p2 = {k: v.copy() for k, v in params.items()}
    st = {"t": 0, "v": {k: np.zeros_like(v) for k, v in p2.items()}, "s": {k: np.zeros_like(v) for k, v in p2.items()}}
    cands.append(("adam update", "naive numpy (new arrays each step)", lambda: naive_adam(p2, grads, st)))

    # -- one full training step -----------------------------------------------------------
    net = dl.DeepNet(LAYER_DIMS, params={k: v.copy() for k, v in params.items()})
    ncfg = dl.make_optimizer_configs(net.params, "adam", 1e-3)

    def dl_step():
        _, g = net._loss(X, Y)
        for k in net.params:
            net.params[k], ncfg[k] = dl.adam(net.params[k], g[k], ncfg[k])
    cands.append(("train step", "dlutils DeepNet._loss + dl.adam (float64)", dl_step))

    torch_note = ""
    try:
        import torch
        if args.threads:
            torch.set_num_threads(args.threads)
        for dtype, tag in ((torch.float64, "float64"), (torch.float32, "float32")):
            tparams = [torch.nn.Parameter(torch.tensor(params[k], dtype=dtype)) for k in params]
            for p, k in zip(tparams, params):
                p.grad = torch.tensor(grads[k], dtype=dtype)
            opt = torch.optim.Adam(tparams, lr=1e-3)
            cands.append(("adam update", f"torch.optim.Adam.step() ({tag})", opt.step))
            layers = []
            for l in range(1, len(LAYER_DIMS)):
                lin = torch.nn.Linear(LAYER_DIMS[l - 1], LAYER_DIMS[l]).to(dtype)
                with torch.no_grad():
                    lin.weight.copy_(torch.tensor(params[f"W{l}"]))
                    lin.bias.copy_(torch.tensor(params[f"b{l}"].ravel()))
                layers += [lin] + ([torch.nn.ReLU()] if l < len(LAYER_DIMS) - 1 else [])
            model = torch.nn.Sequential(*layers)
            Xt = torch.tensor(X.T, dtype=dtype)   # torch puts examples in rows
            Yt = torch.tensor(Y.T, dtype=dtype)
            lossf = torch.nn.BCEWithLogitsLoss()
            topt = torch.optim.Adam(model.parameters(), lr=1e-3)

            def t_step(topt=topt, model=model, lossf=lossf, Xt=Xt, Yt=Yt):   # bind this dtype's objects
                topt.zero_grad()
                loss = lossf(model(Xt), Yt)
                loss.backward()
                topt.step()
            cands.append(("train step", f"torch forward+backward+Adam ({tag})", t_step))
        torch_note = f"torch {torch.__version__}, {torch.get_num_threads()} threads"
    except ImportError:
        torch_note = "torch not importable: PyTorch rows skipped (pip install torch==2.13.0 for the CPU build)"

    rows = []
    for block in dict.fromkeys(c[0] for c in cands):
        group = [c for c in cands if c[0] == block]
        for (b, name, _), sec in zip(group, compare([c[2] for c in group], args.repeats)):
            rows.append((b, name, sec))
    print(f"Adam benchmark: layer_dims {LAYER_DIMS} ({n_params:,} parameters), m = {M}, "
          f"median of {args.repeats} round-robin repeats after warm-up; "
          f"BLAS threads {os.environ.get('OPENBLAS_NUM_THREADS', 'default')}; {torch_note}")
    base = {}
    print(f"{'block':<13}{'implementation':<46}{'median ms':>10}{'ratio':>8}")
    for block, name, sec in rows:
        base.setdefault(block, sec)
        print(f"{block:<13}{name:<46}{sec * 1000:>10.3f}{sec / base[block]:>8.2f}")
    print("ratio = time / time of the first (dlutils per-parameter) row of the same block; < 1 is faster")


if __name__ == "__main__":
    main()
