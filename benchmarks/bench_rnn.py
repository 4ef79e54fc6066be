"""Benchmark: LSTM and GRU forward + backward over a sequence, side by side.

    python benchmarks/bench_rnn.py              # both thread settings, about 1-2 minutes
    python benchmarks/bench_rnn.py --quick      # smoke run, a few seconds
    python benchmarks/bench_rnn.py --threads 1  # only one BLAS/torch thread (or: default)

Problem (the issue's): T = 30 steps, m = 64 sequences, n_x = 50 inputs, n_a = 64 units,
float64. One call = forward over the whole sequence + backward with a random upstream
gradient on every hidden state (all parameter gradients and dx). Contenders, timed in ONE
process, interleaved round by round:

- dlutils      ``dl.lstm_forward`` / ``dl.lstm_backward`` (``gru_*``): gates fused into one
               product per step, the input projection hoisted out of the time loop
- reference    ``dl.lstm_forward_reference`` / ``lstm_backward_reference``: a Python loop over
               the cell functions, the way the lecture (and the learner) writes it
- torch f64/f32  ``torch.nn.LSTM`` / ``nn.GRU`` on CPU with autograd (only when ``import torch``
               works; PyTorch is never a requirement of the workbook)

Before timing, the LSTM contenders are checked to compute the same states and gradients (the
dlutils weights are copied into nn.LSTM). nn.GRU applies its reset gate after the recurrent
product (the lecture's GRU applies it before), so the GRU rows time the same sizes, not the
same numbers. Thread settings: ``OPENBLAS_NUM_THREADS`` must be set before numpy loads, so
``--threads both`` (default) re-runs this script once per setting in a child process.
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

T, M, N_X, N_A = 30, 64, 50, 64


def make_problem(cell, seed=0, T=T, m=M, n_x=N_X, n_a=N_A):
    import numpy as np
    rng = np.random.default_rng(seed)
    gates = "fico" if cell == "lstm" else "urc"
    p = {}
    for g in gates:
        p["W" + g] = rng.standard_normal((n_a, n_a + n_x)) / np.sqrt(n_a + n_x)
        p["b" + g] = 0.1 * rng.standard_normal((n_a, 1))
    x = rng.standard_normal((n_x, m, T))
    a0 = np.zeros((n_a, m))
    da = rng.standard_normal((n_a, m, T))
    return x, a0, p, da


def numpy_factory(cell, problem, reference=False):
    import dlutils as dl
    x, a0, p, da = problem
    if cell == "lstm":
        fwd = dl.lstm_forward_reference if reference else dl.lstm_forward
        bwd = dl.lstm_backward

        def step():
            a, _, _, caches = fwd(x, a0, p)
            return a, bwd(da, caches)
    else:
        fwd = dl.gru_forward_reference if reference else dl.gru_forward

        def step():
            a, _, caches = fwd(x, a0, p)
            return a, dl.gru_backward(da, caches)
    return step


def torch_factory(cell, problem, dtype_name):
    import numpy as np
    import torch
    x, a0, p, da = problem
    n_x, m, T_ = x.shape
    n_a = a0.shape[0]
    dtype = getattr(torch, dtype_name)
    net = (torch.nn.LSTM if cell == "lstm" else torch.nn.GRU)(n_x, n_a).to(dtype)
    if cell == "lstm":                      # copy the dlutils weights: torch's gate order is i, f, g, o
        order = ["i", "f", "c", "o"]
        with torch.no_grad():
            net.weight_hh_l0.copy_(torch.from_numpy(np.concatenate([p["W" + g][:, :n_a] for g in order])))
            net.weight_ih_l0.copy_(torch.from_numpy(np.concatenate([p["W" + g][:, n_a:] for g in order])))
            net.bias_ih_l0.copy_(torch.from_numpy(np.concatenate([p["b" + g][:, 0] for g in order])))
            net.bias_hh_l0.zero_()
    xt = torch.from_numpy(np.ascontiguousarray(x.transpose(2, 1, 0))).to(dtype).requires_grad_(True)
    dat = torch.from_numpy(np.ascontiguousarray(da.transpose(2, 1, 0))).to(dtype)

    def step():
        net.zero_grad(set_to_none=True)
        xt.grad = None
        out, _ = net(xt)                      # (T, m, n_a)
        out.backward(dat)
        return out, net, xt
    return step


def check_lstm_agreement(problem):
    """dlutils fused, the reference and torch float64 (when present) agree on a and dWf."""
    import numpy as np
    fast, ref = numpy_factory("lstm", problem)(), numpy_factory("lstm", problem, True)()
    np.testing.assert_allclose(fast[0], ref[0], atol=1e-10)
    for k in fast[1]:
        np.testing.assert_allclose(fast[1][k], ref[1][k], atol=1e-9, err_msg=k)
    if torch_available():
        out, net, xt = torch_factory("lstm", problem, "float64")()
        n_a = problem[1].shape[0]
        np.testing.assert_allclose(out.detach().numpy().transpose(2, 1, 0), fast[0], atol=1e-10)
        dWf_h = net.weight_hh_l0.grad.numpy()[n_a:2 * n_a]
        np.testing.assert_allclose(dWf_h, fast[1]["dWf"][:, :n_a], atol=1e-9)
        np.testing.assert_allclose(xt.grad.numpy().transpose(2, 1, 0), fast[1]["dx"], atol=1e-9)
        return "dlutils fused = reference = torch float64 (states, dWf, dx to 1e-9)"
    return "dlutils fused = reference (states and every gradient to 1e-9)"


def torch_available():
    try:
        import torch  # noqa: F401
        return True
    except Exception:
        return False


def timed_interleaved(steps, repeats, inner, warmup=2):
    samples = {name: [] for name in steps}
    for _ in range(warmup):
        for s in steps.values():
            s()
    for _ in range(repeats):
        for name, s in steps.items():
            n = inner.get(name, 1)
            t0 = time.perf_counter()
            for _ in range(n):
                s()
            samples[name].append((time.perf_counter() - t0) / n)
    return {name: statistics.median(v) for name, v in samples.items()}


def run_one(quick, threads_label):
    import numpy as np
    if torch_available():
        import torch
        if threads_label == "1":
            torch.set_num_threads(1)
    lines = [f"threads: OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset = default)')}"
             + (f", torch threads {__import__('torch').get_num_threads()}" if torch_available() else "")
             + f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"]
    repeats = 3 if quick else 15
    for cell in ("lstm", "gru"):
        problem = make_problem(cell)
        if cell == "lstm":
            lines.append("agreement: " + check_lstm_agreement(make_problem("lstm", 1, T=4, m=3, n_x=5, n_a=6)))
        steps = {"dlutils": numpy_factory(cell, problem), "reference": numpy_factory(cell, problem, True)}
        if torch_available():
            steps["torch float64"] = torch_factory(cell, problem, "float64")
            steps["torch float32"] = torch_factory(cell, problem, "float32")
        inner = {"dlutils": 1 if quick else 5, "torch float64": 1 if quick else 5, "torch float32": 1 if quick else 5}
        med = timed_interleaved(steps, repeats, inner, warmup=1 if quick else 3)
        base = med["dlutils"]
        tf = med.get("torch float64")
        lines.append(f"\n{cell.upper()} forward+backward, T={T}, m={M}, n_x={N_X}, n_a={N_A}, median per call")
        lines.append(f"{'contender':<16}{'time':>11}  {'x dlutils':>9}  {'x torch f64':>11}")
        for name, t in med.items():
            lines.append(f"{name:<16}{t * 1e3:>8.2f} ms  {t / base:>8.2f}x  "
                         + (f"{t / tf:>10.2f}x" if tf else f"{'-':>11}"))
        if tf:
            lines.append(f"dlutils / torch float64 = {base / tf:.2f} (target <= 0.9)")
        else:
            lines.append("PyTorch rows skipped (import torch failed)")
        lines.append(f"reference / dlutils = {med['reference'] / base:.1f}")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smoke run: few repeats")
    ap.add_argument("--threads", choices=["both", "1", "default"], default="both")
    args = ap.parse_args(argv)
    if args.threads == "both":
        print(f"python {platform.python_version()}, {platform.machine()}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
        for label in ("1", "default"):
            env = dict(os.environ)
            if label == "1":
                env["OPENBLAS_NUM_THREADS"] = "1"
            else:
                env.pop("OPENBLAS_NUM_THREADS", None)
            cmd = [sys.executable, os.path.abspath(__file__), "--threads", label] + (["--quick"] if args.quick else [])
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            print(f"\n=== {'one BLAS thread' if label == '1' else 'default threads'} ===")
            print(proc.stdout, end="")
            if proc.returncode:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
        return 0
    print(run_one(args.quick, args.threads))
    return 0


if __name__ == "__main__":
    sys.exit(main())
