"""Benchmark: multi-head attention and one Transformer encoder layer, forward + backward.

    python benchmarks/bench_attention.py              # both thread settings
    python benchmarks/bench_attention.py --quick      # smoke run
    python benchmarks/bench_attention.py --threads 1  # one BLAS/torch thread only (or: default)

Problem (the issue's): batch m = 32, length T = 64, d_model = 64, 4 heads (d_ff = 128 for the
encoder layer), float64 unless stated. One call = forward + backward with a random upstream
gradient (all parameter and input gradients). Contenders, timed in one process, interleaved:

- dlutils     ``dl.multi_head_attention_forward/backward``, ``dl.encoder_layer_forward/backward``
- numpy sdpa  plain numpy scaled dot-product attention (softmax(QK^T/sqrt(d_k))V and its
              backward, no projections): the floor the issue quotes
- torch f64/f32 ``nn.MultiheadAttention`` / ``nn.TransformerEncoderLayer`` (post-norm, relu,
              dropout 0) with autograd, only when ``import torch`` works (never a requirement)
"""
import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

M, T, D, H, D_FF = 32, 64, 64, 4, 128


def numpy_contenders():
    import numpy as np
    import dlutils as dl
    rng = np.random.default_rng(0)
    X = rng.standard_normal((M, T, D))
    dout = rng.standard_normal((M, T, D))
    pm = dl.init_multi_head_attention(D, rng)
    pe = dl.init_encoder_layer(D, D_FF, rng)
    Qh = rng.standard_normal((M, H, T, D // H))

    def mha():
        out, _, c = dl.multi_head_attention_forward(X, X, pm, H)
        dl.multi_head_attention_backward(dout, c)

    def enc():
        out, _, c = dl.encoder_layer_forward(X, pe, H)
        dl.encoder_layer_backward(dout, c)

    dq = rng.standard_normal(Qh.shape)

    def sdpa():
        S = Qh @ np.swapaxes(Qh, -1, -2) / np.sqrt(D // H)
        S = np.exp(S - S.max(-1, keepdims=True))
        A = S / S.sum(-1, keepdims=True)
        _ = A @ Qh
        dA = dq @ np.swapaxes(Qh, -1, -2)
        dS = A * (dA - (dA * A).sum(-1, keepdims=True)) / np.sqrt(D // H)
        _ = (dS @ Qh, np.swapaxes(dS, -1, -2) @ Qh, np.swapaxes(A, -1, -2) @ dq)

    return {"mha": {"dlutils": mha}, "encoder": {"dlutils": enc}, "sdpa": {"numpy sdpa": sdpa}}


def torch_contenders(threads):
    try:
        import torch
    except ImportError:
        return {}
    if threads == "1":
        torch.set_num_threads(1)
    out = {"mha": {}, "encoder": {}}
    for dt, name in ((torch.float64, "torch f64"), (torch.float32, "torch f32")):
        torch.manual_seed(0)
        X = torch.randn(M, T, D, dtype=dt, requires_grad=True)
        g = torch.randn(M, T, D, dtype=dt)
        mha = torch.nn.MultiheadAttention(D, H, batch_first=True, dtype=dt)
        enc = torch.nn.TransformerEncoderLayer(D, H, D_FF, dropout=0.0, batch_first=True, dtype=dt)

        def f_mha(mha=mha, X=X, g=g):
            mha.zero_grad()
            X.grad = None
            mha(X, X, X, need_weights=False)[0].backward(g)

        def f_enc(enc=enc, X=X, g=g):
            enc.zero_grad()
            X.grad = None
            enc(X).backward(g)

        out["mha"][name], out["encoder"][name] = f_mha, f_enc
    return out


def run(threads, repeats, rounds):
    funcs = numpy_contenders()
    for k, v in torch_contenders(threads).items():
        funcs[k].update(v)
    times = {(p, c): [] for p, cs in funcs.items() for c in cs}
    for p, cs in funcs.items():
        for f in cs.values():
            f()                                     # warm-up
    for _ in range(rounds):
        for p, cs in funcs.items():
            for c, f in cs.items():
                t0 = time.perf_counter()
                for _ in range(repeats):
                    f()
                times[(p, c)].append((time.perf_counter() - t0) / repeats)
    return {k: statistics.median(v) for k, v in times.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", choices=["1", "default", "both"], default="both")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--child", action="store_true")
    a = ap.parse_args()
    if a.threads == "both" and not a.child:
        for t in ("1", "default"):
            env = dict(os.environ)
            env.pop("OPENBLAS_NUM_THREADS", None)
            if t == "1":
                env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
            cmd = [sys.executable, __file__, "--threads", t, "--child"] + (["--quick"] if a.quick else [])
            subprocess.run(cmd, env=env, check=True)
        return
    repeats, rounds = (1, 1) if a.quick else (5, 7)
    res = run(a.threads, repeats, rounds)
    print(f"\n## threads={a.threads} (m={M}, T={T}, d_model={D}, heads={H}, d_ff={D_FF}; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores)")
    print(f"{'problem':10s} {'contender':12s} {'ms/call':>9s} {'vs torch f64':>13s}")
    for p in ("mha", "encoder", "sdpa"):
        base = res.get((p, "torch f64"))
        for (pp, c), t in res.items():
            if pp == p:
                ratio = f"{base / t:.2f}x" if base else "-"
                print(f"{p:10s} {c:12s} {1000 * t:9.2f} {ratio:>13s}")
    print("(ratio = torch f64 time / contender time: above 1 is faster than PyTorch float64)")


if __name__ == "__main__":
    main()
