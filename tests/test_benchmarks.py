"""The benchmark scripts must keep running: a --quick smoke run of each (no timing asserted)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_bench_dense_step_quick():
    env = dict(os.environ)
    env.setdefault("OPENBLAS_NUM_THREADS", "1")   # a smoke run: keep it from fighting other tests
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_dense_step.py"), "--quick"],
                          capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    for row in ("dlutils", "helper-style", "loop (per example)", "dot, n =", "outer,", "elementwise"):
        assert row in out, out
    assert ("torch float64" in out) or ("PyTorch rows skipped" in out)


def test_contenders_agree_on_a_small_net():
    """The four step implementations compute the same cost and update (on a small problem)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_dense_step as b
    finally:
        sys.path.pop(0)
    old = (b.LAYER_DIMS, b.M)
    b.LAYER_DIMS, b.M = [30, 6, 4, 1], 17
    try:
        X, Y, params = b.make_problem(3)
        costs = b.check_agreement(X, Y, params)
        assert len(costs) >= 3
    finally:
        b.LAYER_DIMS, b.M = old
