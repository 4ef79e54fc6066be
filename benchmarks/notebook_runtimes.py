"""Time every notebook as a learner runs it: a fresh kernel, Run All, top to bottom.

    python benchmarks/notebook_runtimes.py [notebooks/...ipynb ...]        # measure and print
    python benchmarks/notebook_runtimes.py --jobs 2 --write                # measure all, then record

Prints one line per notebook (seconds, including kernel start-up) and the total. With
``--write`` the figures go to ``notebooks/RUNTIMES.json`` (with the conditions they were measured
under) and from there into the two places a learner reads them: the runtime column of the
README's course map and the ``**Runtime:**`` line of each notebook's title cell.
``tests/test_runtimes.py`` fails when either drifts from RUNTIMES.json, so every runtime the
workbook quotes comes from one measurement. ``--write`` without a full run (some notebooks
named) updates only those entries. BLAS threads are whatever the environment gives; CI's test
run uses one per process (see conftest.py).
"""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIMES = ROOT / "notebooks" / "RUNTIMES.json"
RUNTIME_LINE = re.compile(r"^\*\*Runtime:\*\*.*$", re.M)


def runtime_text(seconds):
    """How the workbook quotes a measured runtime: rounded to 5 s, at least 5 s."""
    return f"about {max(5, int(5 * round(seconds / 5)))} s"


def title_line(seconds):
    return (f"**Runtime:** {runtime_text(seconds)} on a 2-core laptop CPU (measured). "
            f"**Run all cells first, then play with the sliders.**")


def notebooks():
    return sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def run(path):
    """Seconds for a fresh kernel to run every code cell of ``path`` (kernel start included),
    cell by cell as nbval does. A plain blocking client, not nbclient: nbclient 0.10-0.11 sometimes
    sits on a cell that displays a widget until its timeout (jupyter/nbclient#312; seen here on
    c2/08 in 1 run of 8, 600 s instead of 3 s)."""
    import nbformat
    from jupyter_client.manager import KernelManager
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(path.parent), extra_arguments=["--HistoryManager.hist_file=:memory:"])
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            msg_id = kc.execute(cell.source, allow_stdin=False)
            while True:
                reply = kc.get_shell_msg(timeout=600)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"{path.name}, cell {i}: {reply['content'].get('ename')}: "
                                   f"{reply['content'].get('evalue')}")
        return time.perf_counter() - start
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def run_in_own_process(path):
    """``run(path)`` in a fresh Python process. Two nbclient clients in threads of ONE process
    can deadlock (a kernel sat idle for 10 minutes that way); separate processes cannot."""
    out = subprocess.run([sys.executable, __file__, "--time-one", str(path)], capture_output=True,
                         text=True, env=dict(os.environ), timeout=1200)
    if out.returncode != 0:
        raise RuntimeError(f"{path.name} failed:\n{out.stderr[-3000:]}")
    return float(out.stdout.strip().splitlines()[-1])


def write_title_cell(path, seconds):
    """Put the standard runtime line into the notebook's title cell (replacing any old one)."""
    nb = json.loads(path.read_text())
    cell = nb["cells"][0]
    src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    line = title_line(seconds)
    new = RUNTIME_LINE.sub(line, src) if RUNTIME_LINE.search(src) else src.rstrip("\n") + "\n\n" + line
    if new != src:
        cell["source"] = new.splitlines(keepends=True)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


def write_readme(records):
    """Set the runtime column of every course-map row whose link is a recorded notebook."""
    readme = ROOT / "README.md"
    lines = readme.read_text().splitlines(keepends=True)
    for i, line in enumerate(lines):
        m = re.match(r"^\| \[[^\]]*\]\((notebooks/[^)]+\.ipynb)\) \|(.*)\|[^|]*\|\s*$", line)
        if m and m.group(1) in records:
            lines[i] = line[:line.rstrip().rstrip("|").rstrip().rfind("|") + 1] + \
                f" {runtime_text(records[m.group(1)])} |\n"
    readme.write_text("".join(lines))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default 1)")
    parser.add_argument("--write", action="store_true",
                        help="record in notebooks/RUNTIMES.json, the README map and the title cells")
    parser.add_argument("--time-one", type=Path, help=argparse.SUPPRESS)   # internal: one notebook, print seconds
    args = parser.parse_args(argv)
    if args.time_one:
        print(f"{run(args.time_one.resolve()):.3f}")
        return 0
    paths = [p.resolve() for p in args.paths] or notebooks()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        seconds = list(pool.map(run_in_own_process, paths))
    rows = [(str(p.relative_to(ROOT)), s) for p, s in zip(paths, seconds)]
    for rel, s in rows:
        print(f"{s:7.1f} s  {rel}")
    print(f"{sum(seconds):7.1f} s  total for {len(rows)} notebooks "
          f"({time.perf_counter() - start:.0f} s wall with {args.jobs} at once)")
    if args.write:
        data = json.loads(RUNTIMES.read_text()) if RUNTIMES.exists() else {"seconds": {}}
        data["seconds"].update({rel: round(s, 1) for rel, s in rows})
        data["measured"] = {"jobs": args.jobs, "cpus": os.cpu_count(), "python": platform.python_version(),
                            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
                            "date": time.strftime("%Y-%m-%d")}
        RUNTIMES.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
        for p, s in zip(paths, seconds):
            write_title_cell(p, round(s, 1))      # the value RUNTIMES.json keeps (7.46 s is 5 s, 7.5 s is 10 s)
        write_readme(data["seconds"])
        print(f"recorded in {RUNTIMES.relative_to(ROOT)}, README.md and the title cells")
    return 0


if __name__ == "__main__":
    sys.exit(main())
