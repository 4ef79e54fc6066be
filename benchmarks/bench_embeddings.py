"""Benchmark: embedding training throughput and the embedding lookup, side by side in one run.

    python benchmarks/bench_embeddings.py           # about 30-60 s
    python benchmarks/bench_embeddings.py --quick   # smoke run, a few seconds

Rows (one process, OPENBLAS_NUM_THREADS as set by the caller, float64):

- co-occurrence   ``dl.cooccurrence_counts`` on the King James Bible (``datasets/kjv.h5``,
                  791,450 tokens, V = 3,000, window 8): corpus tokens per second
- co-occurrence reference  the plain loop ``dl.cooccurrence_reference`` on the first 20,000
                  tokens (the same counts; tokens per second)
- GloVe           ``dl.train_glove`` epochs on those counts (n_e = 50, batches of 8,192 pairs):
                  corpus tokens per second = epochs x N / time, and pairs per second
- lookup fwd+bwd  ``dl.embedding_forward`` + ``embedding_backward`` for ids (32, 64), n_e = 50,
                  V = 3,000, against the one-hot product ``E @ one_hot`` and, when ``import
                  torch`` works, ``torch.nn.functional.embedding`` with autograd (never a
                  requirement of the workbook)
Timings on a shared machine are inflated by the other processes; read the ratios.
"""
import argparse
import time

import numpy as np

import dlutils as dl


def best_of(f, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    tokens, starts, words, _ = dl.load_kjv()
    if args.quick:
        tokens, starts = tokens[:50000], starts[starts < 50000]
    V, rows = 3000, []
    t = best_of(lambda: dl.cooccurrence_counts(tokens, V, 8, starts), 1 if args.quick else 2)
    rows.append(("co-occurrence (vectorized)", tokens.size / t, "tokens/s"))
    n_ref = 2000 if args.quick else 20000
    t = best_of(lambda: dl.cooccurrence_reference(tokens[:n_ref], V, 8, starts[starts < n_ref]), 1)
    rows.append(("co-occurrence (plain loop)", n_ref / t, "tokens/s"))
    r, c, X = dl.cooccurrence_counts(tokens, V, 8, starts)
    epochs = 1 if args.quick else 3
    _, hist = dl.train_glove(r, c, X, V, 50, np.random.default_rng(0), epochs=epochs, learning_rate=0.1,
                             x_max=10.0, batch_size=8192, n_tokens=tokens.size)
    rows.append(("GloVe AdaGrad epochs", hist["tokens_per_s"], f"tokens/s ({hist['pairs_per_s']:,.0f} pairs/s)"))
    rng = np.random.default_rng(1)
    E = rng.normal(size=(50, V))
    ids = rng.integers(0, V, (32, 64))
    dout = rng.normal(size=(50, 32, 64))
    rep = 3 if args.quick else 20

    def lookup():
        out, cache = dl.embedding_forward(ids, E)
        dl.embedding_backward(dout, cache)

    def one_hot_product():
        O = dl.one_hot_indices(ids, V).reshape(V, -1)
        E @ O
        dout.reshape(50, -1) @ O.T

    t_lookup = best_of(lookup, rep)
    rows.append(("lookup fwd+bwd (dlutils)", ids.size / t_lookup, "tokens/s"))
    rows.append(("one-hot product fwd+bwd", ids.size / best_of(one_hot_product, rep), "tokens/s"))
    try:
        import torch
        Et = torch.tensor(E.T.copy(), requires_grad=True)
        it, dt = torch.tensor(ids), torch.tensor(dout.transpose(1, 2, 0).copy())

        def torch_lookup():
            Et.grad = None
            torch.nn.functional.embedding(it, Et).backward(dt)
        rows.append(("lookup fwd+bwd (torch f64)", ids.size / best_of(torch_lookup, rep), "tokens/s"))
    except ImportError:
        rows.append(("lookup fwd+bwd (torch f64)", float("nan"), "torch not installed"))
    print(f"{'row':32s} {'throughput':>14s}")
    for name, value, unit in rows:
        print(f"{name:32s} {value:14,.0f} {unit}")
    return rows


if __name__ == "__main__":
    main()
