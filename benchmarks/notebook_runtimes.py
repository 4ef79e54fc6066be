"""Time every notebook as a learner runs it: a fresh kernel, Run All, top to bottom.

    python benchmarks/notebook_runtimes.py [notebooks/...ipynb ...] [--markdown]

Prints one line per notebook (seconds, including kernel start-up) and the total. The README's
course map quotes these figures. BLAS threads are whatever the environment gives (a learner's
default); set OPENBLAS_NUM_THREADS=1 to see what CI's parallel workers get.
"""
import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def run(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").rglob("*.ipynb"))
    paths = [p for p in paths if ".ipynb_checkpoints" not in p.parts]
    total, rows = 0.0, []
    for p in paths:
        seconds = run(p.resolve())
        total += seconds
        rel = p.resolve().relative_to(ROOT)
        rows.append((rel, seconds))
        print(f"{seconds:7.1f} s  {rel}", flush=True)
    print(f"{total:7.1f} s  total for {len(rows)} notebooks")
    if args.markdown:
        print("\n| notebook | seconds |\n|---|---|")
        for rel, s in rows:
            print(f"| {rel} | {s:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
