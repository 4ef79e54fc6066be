"""Exercise mode (dlutils/exercises.py): the stub generator, the CLI, and the proof that the
check cells of every notebook bite - with a solution blanked they fail, with it they pass.
"""
import ast
import inspect
import json
import os
import sys
from pathlib import Path

import pytest

from dlutils import exercises as ex

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)

SOLUTION = '''
import numpy as np


@staticmethod
def sigmoid(z, *, scale=1.0):
    """Elementwise logistic function."""
    s = 1 / (1 + np.exp(-scale * z))
    return s


def no_doc(a, b=2, *args, **kw):
    return a + b


class Model:
    """A tiny model."""
    rate = 0.1

    def step(self, x):
        """One step."""
        return x - self.rate
'''


def _run(code, ns=None):
    ns = {} if ns is None else ns
    exec(compile(code, "<cell>", "exec"), ns)
    return ns


# -- the stub generator -------------------------------------------------------------------------
def test_stub_keeps_signatures_docstrings_and_imports():
    stub = make = ex.make_stub(SOLUTION)
    ns_real, ns_stub = _run(SOLUTION), _run(make)
    for name in ("sigmoid", "no_doc"):
        real, fake = ns_real[name], ns_stub[name]
        real = getattr(real, "__func__", real)
        fake = getattr(fake, "__func__", fake)
        assert inspect.signature(real) == inspect.signature(fake), name
        assert inspect.getdoc(real) == inspect.getdoc(fake), name
    assert "import numpy as np" in stub and "@staticmethod" in stub
    assert "1 / (1 + np.exp" not in stub and "a + b" not in stub, "no solution code survives"
    assert inspect.getdoc(ns_stub["Model"]) == "A tiny model." and ns_stub["Model"].rate == 0.1


def test_stub_bodies_raise_with_hint_or_default_naming_the_function():
    ns = _run(ex.make_stub(SOLUTION))
    with pytest.raises(NotImplementedError, match="no_doc"):
        ns["no_doc"](1)
    with pytest.raises(NotImplementedError, match="Model.step"):
        ns["Model"]().step(1.0)
    ns = _run(ex.make_stub(SOLUTION, hint="use np.exp"))
    with pytest.raises(NotImplementedError, match="use np.exp"):
        ns["no_doc"](1)


def test_module_level_statements_become_a_raise():
    stub = ex.make_stub("import numpy as np\nW = np.zeros((2, 2))\ndef f(x):\n    return x\nprint(W)\n")
    tree = ast.parse(stub)
    assert isinstance(tree.body[-1], ast.Raise) and "np.zeros" not in stub
    assert "defines W" in stub
    ns = {}
    with pytest.raises(NotImplementedError, match="W"):
        _run(stub, ns)
    assert "f" in ns and "np" in ns, "functions and imports are defined before the raise"


def test_one_line_and_async_functions():
    stub = ex.make_stub("def f(x): return 2 * x\nasync def g(): return 1\n")
    assert "2 * x" not in stub and "async def g()" in stub
    with pytest.raises(NotImplementedError):
        _run(stub)["f"](1)


@pytest.mark.parametrize("bad, match", [("def f(:\n  pass", "not valid Python"), (42, "must be a string")])
def test_make_stub_bad_input(bad, match):
    with pytest.raises(ValueError, match=match):
        ex.make_stub(bad)


def _notebook(cells):
    return {"nbformat": 4, "nbformat_minor": 4, "metadata": {"widgets": {"state": {}}}, "cells": cells}


def _code(src, tags=(), hint=None, outputs=()):
    meta = {"tags": list(tags)}
    if hint:
        meta["hint"] = hint
    return {"cell_type": "code", "source": src, "metadata": meta, "outputs": list(outputs),
            "execution_count": 3 if outputs else None}


def test_learner_notebook_and_cli(tmp_path, capsys):
    nb = _notebook([
        {"cell_type": "markdown", "source": "# title", "metadata": {}},
        _code("def f(x):\n    \"\"\"Double.\"\"\"\n    return 2 * x\n", tags=["solution"], hint="multiply by two"),
        _code("assert f(2) == 4", outputs=[{"output_type": "stream", "name": "stdout", "text": "x"}]),
    ])
    src_dir = tmp_path / "notebooks" / "c9_demo"
    src_dir.mkdir(parents=True)
    (src_dir / "01_demo.ipynb").write_text(json.dumps(nb))
    assert ex.solution_cells(nb) == [1]
    out = tmp_path / "learner"
    assert ex.main(["--out", str(out), str(src_dir / "01_demo.ipynb")]) == 0
    assert "01_demo.ipynb  (1 exercise)" in capsys.readouterr().out
    copy = json.loads((out / "c9_demo" / "01_demo.ipynb").read_text())      # mirrors the tree
    stub = copy["cells"][1]
    assert stub["metadata"]["tags"] == ["exercise"] and "return 2 * x" not in "".join(stub["source"])
    assert "multiply by two" in "".join(stub["source"])
    assert all(c.get("outputs", []) == [] for c in copy["cells"]) and "widgets" not in copy["metadata"]
    assert json.loads((src_dir / "01_demo.ipynb").read_text()) == nb, "the original is untouched"


def test_cli_bad_input(tmp_path, capsys):
    assert ex.main(["--out", str(tmp_path), str(tmp_path / "missing.ipynb")]) == 2
    assert "no notebook at" in capsys.readouterr().err
    with pytest.raises(ValueError, match="no notebook at"):
        ex.make_learner_copies([tmp_path / "missing.ipynb"], tmp_path)
    broken = tmp_path / "broken.ipynb"
    broken.write_text(json.dumps(_notebook([_code("def f(:", tags=["solution"])])))
    with pytest.raises(ValueError, match="cell 0.*not valid Python"):
        ex.make_learner_copies([broken], tmp_path / "out")


def test_cli_as_module_on_the_repository(tmp_path):
    """``python -m dlutils.exercises --out DIR`` from the repository root converts every notebook."""
    import subprocess
    r = subprocess.run([sys.executable, "-m", "dlutils.exercises", "--out", str(tmp_path)], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    with_solutions = [p for p in NOTEBOOKS if ex.solution_cells(json.loads(p.read_text()))]
    for p in with_solutions:
        copy = json.loads((tmp_path / p.relative_to(ROOT / "notebooks")).read_text())
        assert not ex.solution_cells(copy)
        assert len([c for c in copy["cells"] if "exercise" in c["metadata"].get("tags", [])]) == \
            len(ex.solution_cells(json.loads(p.read_text())))


# -- the checks bite: run each notebook in-process, stub then solution at every solution cell ----
def _checks_after(cells, i):
    """Code cells after solution cell ``i`` up to and including the first one that asserts
    (stopping early at the next solution cell)."""
    out = []
    for j in range(i + 1, len(cells)):
        c = cells[j]
        if c["cell_type"] != "code":
            continue
        if ex.SOLUTION_TAG in c.get("metadata", {}).get("tags", []):
            break
        out.append(j)
        if any(line.lstrip().startswith("assert") for line in ex._cell_source(c).splitlines()):
            break
    return out


def _exec_cell(src, ns):
    import IPython.core.inputtransformer2 as it2
    code = it2.TransformerManager().transform_cell(src)    # handles %magics like a kernel would
    exec(compile(code, "<cell>", "exec"), ns)


SOLUTION_NOTEBOOKS = [p for p in NOTEBOOKS if ex.solution_cells(json.loads(p.read_text(encoding="utf-8")))]


@pytest.mark.slow
@pytest.mark.parametrize("path", SOLUTION_NOTEBOOKS, ids=[str(p.relative_to(ROOT / "notebooks")) for p in SOLUTION_NOTEBOOKS])
def test_checks_fail_on_stub_and_pass_on_solution(path, monkeypatch):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    monkeypatch.chdir(path.parent)
    monkeypatch.setattr(plt, "show", lambda *a, **k: plt.close("all"))
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    sol_idx = ex.solution_cells(nb)
    last = max(j for i in sol_idx for j in [i] + _checks_after(cells, i))
    ns = {"__name__": "__main__"}
    done = set()
    for i, cell in enumerate(cells[:last + 1]):
        if cell["cell_type"] != "code" or i in done:
            continue
        src = ex._cell_source(cell)
        if i not in sol_idx:
            _exec_cell(src, ns)
            continue
        checks = _checks_after(cells, i)
        assert checks, f"solution cell {i} of {path.name} has no check cell after it"
        # 1. the learner's stub: some check must fail
        _exec_cell(ex.make_stub(src, cell["metadata"].get("hint")), ns)
        failed = None
        try:
            for j in checks:
                _exec_cell(ex._cell_source(cells[j]), ns)
        except (NotImplementedError, AssertionError) as exc:
            failed = exc
        assert failed is not None, f"{path.name}: the checks after solution cell {i} pass with the stub"
        # 2. the real solution: the same checks pass
        _exec_cell(src, ns)
        for j in checks:
            _exec_cell(ex._cell_source(cells[j]), ns)
        done.update(checks)
    plt.close("all")
