"""Train the date translators that notebook c5/07 loads (weights trained here, never downloaded).

    OPENBLAS_NUM_THREADS=1 python datasets/build_seq2seq_weights.py          # write both .h5, update MANIFEST.json
    OPENBLAS_NUM_THREADS=1 python datasets/build_seq2seq_weights.py --check  # retrain in a temp dir, compare sha256

Two files written by ``dl.save_weights`` (h5py, gzip, no pickle), each the parameters of
``dl.init_seq2seq(config)``:

- ``c5_dates_attention.h5``: ``Seq2SeqConfig(V_h=39, attention=True, feed_previous=True)`` (bi-LSTM
  n_a = 32, attention n_e = 10, post-attention LSTM n_s = 64 reading the context and the previous
  output), Adam 0.005, batch 100, ``EPOCHS`` epochs on 10,000 dates (seed 1).
- ``c5_dates_no_attention.h5``: the same without attention (every step reads the encoder's summary).

Held-out exact match is measured on 1,000 fresh dates (seed 2) and stored in the manifest.
Same code, numpy and one BLAS thread give the same bytes. About 2 x 40 s on one quiet core.
"""
import argparse
import hashlib
import json
import tempfile
import types
from pathlib import Path

import numpy as np

import dlutils as dl

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "MANIFEST.json"
EPOCHS = 10
FILES = {"c5_dates_attention.h5": True, "c5_dates_no_attention.h5": False}


def config(attention):
    return dl.Seq2SeqConfig(V_h=len(dl.HUMAN_VOCAB), attention=attention, feed_previous=True)


def held_out(m=1000, seed=2):
    return dl.date_dataset(m, np.random.default_rng(seed))


def exact_match(params, cfg, X_ids, Y_ids):
    pred = dl.seq2seq_predict(dl.one_hot_indices(X_ids, cfg.V_h), params, cfg)
    return float((pred == Y_ids).all(axis=1).mean())


def train(attention, epochs=EPOCHS):
    rng = np.random.default_rng(1)
    X, Y, _, _ = dl.date_dataset(10000, rng)
    cfg = config(attention)
    p = dl.init_seq2seq(cfg, rng)
    dl.train_seq2seq(X, Y, p, cfg, rng, epochs=epochs, batch_size=100, learning_rate=0.005)
    return p, cfg


def build(out_dir):
    Xh, Yh, _, _ = held_out()
    info = {}
    for name, attention in FILES.items():
        p, cfg = train(attention)
        path = Path(out_dir) / name
        dl.save_weights(types.SimpleNamespace(params=p, layers=[]), path)
        info[name] = {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "bytes": path.stat().st_size,
                      "kind": "dl.save_weights (dl.init_seq2seq parameters)", "config": cfg._asdict(),
                      "parameters": dl.count_seq2seq_parameters(p), "made_by": "datasets/build_seq2seq_weights.py",
                      "examples": 10000, "epochs": EPOCHS,
                      "held_out_exact_match": round(100 * exact_match(p, cfg, Xh, Yh), 2)}
        print(name, info[name]["held_out_exact_match"], flush=True)
    return info


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as d:
            info = build(d)
        stored = json.loads(MANIFEST.read_text())
        bad = [n for n in FILES if stored.get(n, {}).get("sha256") != info[n]["sha256"]]
        print("mismatch:" if bad else "all match", bad)
        raise SystemExit(1 if bad else 0)
    info = build(HERE)
    man = json.loads(MANIFEST.read_text())
    man.update(info)
    MANIFEST.write_text(json.dumps(dict(sorted(man.items())), indent=1) + "\n")


if __name__ == "__main__":
    main()
