"""benchmarks/bench_rnn.py keeps running (a --quick smoke run, no timing asserted) and its
contenders compute the same thing (fused, reference and, when installed, torch.nn.LSTM)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_rnn
    finally:
        sys.path.pop(0)
    return bench_rnn


def test_contenders_agree_on_a_small_problem():
    b = _bench()
    text = b.check_lstm_agreement(b.make_problem("lstm", 2, T=3, m=2, n_x=4, n_a=3))
    assert text.startswith("dlutils fused = reference")
    gru_fast = b.numpy_factory("gru", b.make_problem("gru", 3, T=3, m=2, n_x=4, n_a=3))()
    gru_ref = b.numpy_factory("gru", b.make_problem("gru", 3, T=3, m=2, n_x=4, n_a=3), reference=True)()
    for k in gru_fast[1]:
        assert abs(gru_fast[1][k] - gru_ref[1][k]).max() < 1e-10, k


@pytest.mark.slow
def test_bench_rnn_quick():
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_rnn.py"), "--quick", "--threads", "1"],
                          capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for row in ("LSTM forward+backward", "GRU forward+backward", "dlutils", "reference", "agreement:"):
        assert row in proc.stdout, proc.stdout
    assert ("torch float64" in proc.stdout) or ("PyTorch rows skipped" in proc.stdout)
