"""Every runtime the workbook quotes comes from one measurement (notebooks/RUNTIMES.json, written by
``python benchmarks/notebook_runtimes.py --write``): the README's course map and each notebook's
title cell must say exactly what was measured, and every notebook must have been measured."""
import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("notebook_runtimes", ROOT / "benchmarks" / "notebook_runtimes.py")
nr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(nr)
RECORDED = json.loads(nr.RUNTIMES.read_text())["seconds"]
NOTEBOOKS = [str(p.relative_to(ROOT)) for p in nr.notebooks()]


def test_every_notebook_was_measured_and_fits_the_budget():
    missing = [n for n in NOTEBOOKS if n not in RECORDED]
    assert not missing, f"not in notebooks/RUNTIMES.json (run benchmarks/notebook_runtimes.py --write {' '.join(missing)}): {missing}"
    stale = [n for n in RECORDED if n not in NOTEBOOKS]
    assert not stale, f"RUNTIMES.json lists notebooks that no longer exist: {stale}"
    slow = {n: s for n, s in RECORDED.items() if s > 90}
    assert not slow, f"over the 90 s budget per notebook: {slow}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_title_cell_quotes_the_measurement(name):
    cell = json.loads((ROOT / name).read_text())["cells"][0]
    src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    lines = nr.RUNTIME_LINE.findall(src)
    others = [l for l in src.splitlines() if "runtime" in l.lower() and not nr.RUNTIME_LINE.match(l)]
    assert not others, f"{name}: a second, hand-written runtime in the title cell: {others}"
    assert lines == [nr.title_line(RECORDED[name])], (
        f"{name}: the title cell's runtime line should read {nr.title_line(RECORDED[name])!r}, found {lines}; "
        f"run benchmarks/notebook_runtimes.py --write {name}")


def test_readme_course_map_quotes_the_measurement():
    readme = (ROOT / "README.md").read_text()
    for name in NOTEBOOKS:
        rows = [l for l in readme.splitlines() if re.match(rf"^\| \[[^\]]*\]\({re.escape(name)}\) \|", l)]
        assert len(rows) == 1, f"README's course map should have one row linking {name}, found {len(rows)}"
        quoted = rows[0].rstrip(" |").rsplit("|", 1)[1].strip()
        assert quoted == nr.runtime_text(RECORDED[name]), (
            f"README quotes {quoted!r} for {name}, measured {nr.runtime_text(RECORDED[name])!r}")
