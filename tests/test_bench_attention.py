"""benchmarks/bench_attention.py: the numpy contenders run (no timing, no torch import here)."""
import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_attention.py"


def test_numpy_contenders_run():
    spec = importlib.util.spec_from_file_location("bench_attention", BENCH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    funcs = mod.numpy_contenders()
    assert set(funcs) == {"mha", "encoder", "sdpa"}
    for group in funcs.values():
        for f in group.values():
            f()
