"""Train the date Transformer that notebook c5/08 loads (weights trained here, never downloaded).

    OPENBLAS_NUM_THREADS=1 python datasets/build_transformer_weights.py          # write the .h5, update MANIFEST.json
    OPENBLAS_NUM_THREADS=1 python datasets/build_transformer_weights.py --check  # retrain in a temp dir, compare sha256

``c5_dates_transformer.h5`` (``dl.save_weights``, h5py gzip, no pickle): the parameters of
``dl.init_transformer(CONFIG)``: d_model 32, 2 heads, d_ff 64, 2 encoder + 2 decoder layers
(44,877 parameters), trained with Adam (beta2 0.98) and the warm-up schedule (400 steps) on
10,000 dates (seed 3, ``dl.date_transformer_ids``), batch 100, ``EPOCHS`` epochs. Held-out exact
match on 1,000 fresh dates (seed 2, greedy decoding) goes in the manifest. About 2-4 minutes on one core.
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
NAME = "c5_dates_transformer.h5"
EPOCHS = 24
CONFIG = dl.TransformerConfig(vocab_in=len(dl.HUMAN_VOCAB) + 1, vocab_out=dl.DATE_START + 1, d_model=32,
                              num_heads=2, d_ff=64, n_enc=2, n_dec=2, max_len=32, pad=0)


def held_out(m=1000, seed=2):
    X, Y, human, machine = dl.date_dataset(m, np.random.default_rng(seed))
    return dl.date_transformer_ids(X), Y + 1


def exact_match(params, src, tgt):
    pred = dl.transformer_greedy_decode(src, params, CONFIG, dl.DATE_START, tgt.shape[1])
    return float((pred == tgt).all(axis=1).mean())


def train(epochs=EPOCHS):
    rng = np.random.default_rng(3)
    X, Y, _, _ = dl.date_dataset(10000, rng)
    src, tin, tout = dl.date_transformer_ids(X, Y)
    p = dl.init_transformer(CONFIG, rng)
    dl.train_transformer(src, tin, tout, p, CONFIG, rng, epochs=epochs, batch_size=100, warmup_steps=400)
    return p


def build(out_dir):
    p = train()
    path = Path(out_dir) / NAME
    dl.save_weights(types.SimpleNamespace(params=p, layers=[]), path)
    src, tgt = held_out()
    info = {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "bytes": path.stat().st_size,
            "kind": "dl.save_weights (dl.init_transformer parameters)", "config": CONFIG._asdict(),
            "parameters": int(sum(v.size for v in p.values())), "made_by": "datasets/build_transformer_weights.py",
            "examples": 10000, "epochs": EPOCHS, "held_out_exact_match": round(100 * exact_match(p, src, tgt), 2)}
    print(NAME, info["held_out_exact_match"], flush=True)
    return info


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as d:
            info = build(d)
        ok = json.loads(MANIFEST.read_text()).get(NAME, {}).get("sha256") == info["sha256"]
        print("match" if ok else "mismatch")
        raise SystemExit(0 if ok else 1)
    info = build(HERE)
    man = json.loads(MANIFEST.read_text())
    man[NAME] = info
    MANIFEST.write_text(json.dumps(dict(sorted(man.items())), indent=1) + "\n")


if __name__ == "__main__":
    main()
