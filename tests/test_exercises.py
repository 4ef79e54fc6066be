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


# -- the checks bite: every wrong answer of the catalogue fails an assert, the solution passes ----
WRONG_ANSWERS_DIR = ROOT / "tests" / "wrong_answers"
SOLUTION_NOTEBOOKS = [p for p in NOTEBOOKS if ex.solution_cells(json.loads(p.read_text(encoding="utf-8")))]
NB_IDS = [str(p.relative_to(ROOT / "notebooks")) for p in SOLUTION_NOTEBOOKS]
MIN_WRONG = 2
BITE = {}          # notebook -> (exercises, wrong answers tried, caught); filled by the test below


def catalogue_path(path):
    """tests/wrong_answers/<course_folder>/<notebook_stem>.py for a notebook."""
    return WRONG_ANSWERS_DIR / path.parent.name / (path.stem + ".py")


def load_catalogue(path):
    import runpy
    file = catalogue_path(path)
    if not file.is_file():
        return None
    wrong = runpy.run_path(str(file)).get("WRONG_ANSWERS")
    assert isinstance(wrong, dict), f"{file} must define WRONG_ANSWERS = {{name: [(what, source), ...]}}"
    for name, answers in wrong.items():
        for entry in answers:
            assert (isinstance(entry, tuple) and len(entry) == 2 and all(isinstance(x, str) for x in entry)), \
                f"{file}: WRONG_ANSWERS[{name!r}] entries are (what is wrong, replacement source) string pairs"
    return wrong


def test_every_catalogue_file_belongs_to_a_notebook():
    """A catalogue without its notebook (renamed or moved) would silently test nothing."""
    stems = {(p.parent.name, p.stem) for p in NOTEBOOKS}
    stray = [str(f.relative_to(ROOT)) for f in WRONG_ANSWERS_DIR.rglob("*.py")
             if "__pycache__" not in f.parts and (f.parent.name, f.stem) not in stems]
    assert not stray, f"catalogues with no notebook of that name: {stray}"


@pytest.mark.slow
@pytest.mark.parametrize("path", SOLUTION_NOTEBOOKS, ids=NB_IDS)
def test_wrong_answers_fail_an_assert_and_the_solution_passes(path):
    """Run the notebook in-process; at each solution cell put every catalogued wrong answer in its
    place (on a copy of the namespace) and run the check cells: each must raise AssertionError
    (NotImplementedError or a crash does not count). Then the real solution must pass them."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = nb["cells"]
    sol = ex.solution_cells(nb)
    names = {i: ex.exercise_name(ex._cell_source(cells[i])) for i in sol}
    rel = str(path.relative_to(ROOT / "notebooks"))
    wrong = load_catalogue(path)
    if wrong is None:
        BITE[rel] = (len(sol), 0, 0)
        pytest.fail(f"{rel} has {len(sol)} exercises but no catalogue of wrong answers: write "
                    f"{catalogue_path(path).relative_to(ROOT)} with WRONG_ANSWERS = "
                    "{" + ", ".join(f"{n!r}: [(what is wrong, source), ...]" for n in names.values()) + "}")
    assert len(set(names.values())) == len(names), f"{rel}: two solution cells start with the same function"
    unknown = set(wrong) - set(names.values())
    assert not unknown, f"{catalogue_path(path).name}: no solution cell starts with {sorted(unknown)}"
    for i in sol:
        assert ex.check_cells(nb, i), f"{rel}: solution cell {i} ({names[i]}) has no check cell after it"
    tried = caught = 0
    escaped = []
    ns = {"__name__": "__main__"}
    with ex._NotebookContext(path.parent):
        for i, checks in ex.walk_exercises(nb, ns):
            base = ex.snapshot(ns)
            for what, source in wrong.get(names[i], []):
                tried += 1
                exc = ex.run_checks(source, checks, nb, ex.snapshot(base))
                if isinstance(exc, AssertionError):
                    caught += 1
                else:
                    how = "passed every check" if exc is None else f"raised {type(exc).__name__}: {exc}"
                    escaped.append(f"{names[i]} / {what}: {how}")
            exc = ex.run_checks(ex._cell_source(cells[i]), checks, nb, ns)
            assert exc is None, f"{rel}: the solution of {names[i]} fails its own checks: {exc!r}"
    BITE[rel] = (len(sol), tried, caught)
    thin = [f"{n} ({len(wrong.get(n, []))})" for n in names.values() if len(wrong.get(n, [])) < MIN_WRONG]
    assert not escaped, f"{rel}: wrong answers the checks let through:\n  " + "\n  ".join(escaped)
    assert not thin, f"{rel}: fewer than {MIN_WRONG} wrong answers for {', '.join(thin)}"


def test_zz_bite_totals(request):
    """Print the bite table (runs last in this file; with xdist the file stays on one worker)."""
    if not BITE:
        pytest.skip("the bite test did not run in this session (deselected)")
    lines = [f"{'notebook':74s} {'exercises':>9s} {'wrong':>6s} {'caught':>6s}"]
    for rel, (n, tried, caught) in sorted(BITE.items()):
        lines.append(f"{rel:74s} {n:9d} {tried:6d} {caught:6d}")
    tot = [sum(v[k] for v in BITE.values()) for k in range(3)]
    lines.append(f"{'total':74s} {tot[0]:9d} {tot[1]:6d} {tot[2]:6d}")
    table = "\n".join(lines)
    if getattr(request.config, "cache", None) is not None:       # absent under -p no:cacheprovider
        request.config.cache.set("exercises/bite_table", table)
    with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        print("\n" + table)


# -- hints nudge, they never give the answer away ------------------------------------------------
_CODE_NODES = (ast.BinOp, ast.UnaryOp, ast.Call, ast.Compare, ast.BoolOp, ast.Subscript, ast.DictComp,
               ast.ListComp, ast.GeneratorExp)


def _norm(text):
    return "".join(text.split()).replace("np.", "").replace("numpy.", "")


def solution_fragments(source):
    """The pieces of a solution a hint must not contain: every returned or assigned expression
    that computes something (more than a name or a constant), as normalized text."""
    out = set()
    for node in ast.walk(ast.parse(source)):
        values = []
        if isinstance(node, (ast.Return, ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None:
            values.append(node.value)
            if isinstance(node.value, ast.Tuple):
                values.extend(node.value.elts)
        for v in values:
            if any(isinstance(n, _CODE_NODES) for n in ast.walk(v)):
                text = _norm(ast.unparse(v))
                if len(text) > 8:
                    out.add(text)
                    if text.startswith("(") and text.endswith(")"):
                        out.add(text[1:-1])
    return out


def hint_leaks(hint, source):
    """Solution fragments that appear in the hint (normalized: no spaces, no ``np.``)."""
    h = _norm(hint)
    return sorted(f for f in solution_fragments(source) if f in h)


def test_hint_leak_detector():
    src = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"
    assert hint_leaks("return 1 / (1 + np.exp(-z))", src)
    assert hint_leaks("use 1/(1+exp(-z)) elementwise", src), "spacing and np. do not hide it"
    assert not hint_leaks("the logistic function of the equation above, elementwise with np.exp", src)
    src = "def f(A, Y):\n    dZ = A - Y\n    return dZ, float(np.sum(dZ) / 4)\n"
    assert hint_leaks("dZ is A - Y", src) == [] and hint_leaks("float(np.sum(dZ) / 4)", src)


@pytest.mark.parametrize("path", SOLUTION_NOTEBOOKS, ids=NB_IDS)
def test_hints_are_nudges_not_solutions(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    bad = []
    for i in ex.solution_cells(nb):
        cell = nb["cells"][i]
        hint = cell["metadata"].get("hint", "")
        leaks = hint_leaks(hint, ex._cell_source(cell))
        if leaks:
            bad.append(f"cell {i} ({ex.exercise_name(ex._cell_source(cell))}): the hint contains {leaks}")
    assert not bad, f"{path.name}: hints that give the answer away:\n  " + "\n  ".join(bad)


@pytest.mark.parametrize("path", SOLUTION_NOTEBOOKS, ids=NB_IDS)
def test_exercise_functions_have_docstrings(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    missing = []
    for i in ex.solution_cells(nb):
        tree = ast.parse(ex._cell_source(nb["cells"][i]))
        top = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        top += [m for c in top if isinstance(c, ast.ClassDef) for m in c.body
                if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))]      # methods; nested helpers are free
        for node in top:
            if not ast.get_docstring(node):
                missing.append(f"cell {i}: {node.name}")
    assert not missing, f"{path.name}: exercise functions without a docstring (the learner's only spec): {missing}"


@pytest.mark.parametrize("path", SOLUTION_NOTEBOOKS,
                         ids=[str(p.relative_to(ROOT / "notebooks")) for p in SOLUTION_NOTEBOOKS])
def test_every_exercise_has_a_hint(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    missing = [i for i in ex.solution_cells(nb) if len(nb["cells"][i]["metadata"].get("hint", "")) < 20]
    assert not missing, f"{path.name}: solution cells without a hint in their metadata: {missing}"


# -- the grader: python -m dlutils.exercises grade [DIR] ----------------------------------------
GRADE_NBS = [ROOT / "notebooks" / "c1_neural_networks_and_deep_learning" / "01_numpy_and_vectorization.ipynb",
             ROOT / "notebooks" / "c2_improving_deep_neural_networks" / "03_gradient_checking.ipynb"]


def _grade(folder):
    import io
    out = io.StringIO()
    rc = ex.grade(folder, out=out)
    return rc, out.getvalue()


def test_is_stub_tells_a_stub_from_an_attempt():
    src = "def f(x):\n    \"\"\"Doc.\"\"\"\n    return 2 * x\n\n\ndef g(x):\n    return x\n"
    assert ex.is_stub(ex.make_stub(src, "hint")) and not ex.is_stub(src)
    half = ex.make_stub(src, "hint").replace("raise NotImplementedError('hint')", "return 1", 1)
    assert not ex.is_stub(half), "one function written counts as attempted"


@pytest.mark.slow
def test_grade_fresh_copies_solutions_and_one_wrong_answer(tmp_path):
    learner = tmp_path / "learner"
    copies = ex.make_learner_copies(GRADE_NBS, learner)
    n_ex = sum(len(ex.solution_cells(json.loads(p.read_text()))) for p in GRADE_NBS)
    rc, text = _grade(learner)
    assert rc == 0 and f"0 passed, 0 failed, {n_ex} not attempted" in text, text
    # the solutions themselves: every exercise passes
    solved = tmp_path / "solved"
    for p in GRADE_NBS:
        (solved / p.parent.name).mkdir(parents=True, exist_ok=True)
        (solved / p.parent.name / p.name).write_text(p.read_text())
    rc, text = _grade(solved)
    assert rc == 0 and f"{n_ex} passed, 0 failed, 0 not attempted" in text, text
    # a learner copy with one wrong answer (from the catalogue) in place of one stub
    wrong = load_catalogue(GRADE_NBS[0])["sigmoid"][0][1]
    nb = json.loads(copies[0].read_text())
    i = ex.exercise_cells(nb)[0]
    nb["cells"][i]["source"] = wrong
    copies[0].write_text(json.dumps(nb))
    rc, text = _grade(learner)
    assert rc == 1, text
    line = next(l for l in text.splitlines() if l.strip().startswith("sigmoid "))
    assert "failed" in line and "AssertionError: sigmoid(z)" in line, line
    assert f"0 passed, 1 failed, {n_ex - 1} not attempted" in text, text


def test_grade_cli(tmp_path):
    import subprocess
    learner = tmp_path / "learner"
    ex.make_learner_copies(GRADE_NBS[:1], learner)
    r = subprocess.run([sys.executable, "-m", "dlutils.exercises", "grade", str(learner)], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "not attempted" in r.stdout, r.stdout + r.stderr
    r = subprocess.run([sys.executable, "-m", "dlutils.exercises", "grade", str(tmp_path / "nowhere")], cwd=ROOT,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "make learner copies first" in r.stderr


# -- export to nbgrader (optional extra for instructors) ----------------------------------------
def test_mark_solution_regions():
    from dlutils.exercises_nbgrader import mark_solution
    src = ('import numpy as np\n\n\ndef f(x):\n    """Doc."""\n    y = 2 * x\n    return y\n\n\n'
           'def g(x): return x\n\n\nclass M:\n    """A class."""\n    def step(self, x):\n        return x - 1\n\nW = np.zeros(3)\n')
    out = mark_solution(src)
    compile(out, "<marked>", "exec")
    assert out.count("### BEGIN SOLUTION") == 4 == out.count("### END SOLUTION")
    assert '    """Doc."""\n    ### BEGIN SOLUTION\n    y = 2 * x\n    return y\n    ### END SOLUTION' in out
    assert "        ### BEGIN SOLUTION\n        return x - 1\n        ### END SOLUTION" in out
    assert out.startswith("import numpy as np\n"), "imports stay outside the solution regions"
    with pytest.raises(ValueError, match="not valid Python"):
        mark_solution("def f(:\n")


def test_to_nbgrader_metadata():
    from dlutils.exercises_nbgrader import to_nbgrader
    nb = json.loads(GRADE_NBS[0].read_text())
    out = to_nbgrader(nb, points=2)
    meta = [c["metadata"].get("nbgrader") for c in out["cells"]]
    sols = [m for m in meta if m and m["solution"]]
    tests = [m for m in meta if m and m["grade"]]
    assert len(sols) == len(tests) == len(ex.solution_cells(nb))
    assert all(m["points"] == 2 and m["locked"] and m["grade_id"].startswith("test_") for m in tests)
    assert len({m["grade_id"] for m in meta if m}) == len([m for m in meta if m]), "grade ids are unique"


@pytest.mark.slow
def test_nbgrader_generates_and_autogrades(tmp_path):
    """With nbgrader itself: generate the assignment, autograde a solved and an unsolved copy."""
    pytest.importorskip("nbgrader", reason="nbgrader is not installed (optional extra for instructors: "
                                           "pip install nbgrader); the export is still tested above")
    import os
    import shutil
    import subprocess
    from dlutils.exercises_nbgrader import export_nbgrader
    course = tmp_path / "course"
    (course / "source" / "ps1").mkdir(parents=True)
    nb_path = export_nbgrader(GRADE_NBS[:1], tmp_path / "export")[0]
    shutil.copy(nb_path, course / "source" / "ps1" / nb_path.name)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    run = lambda *args: subprocess.run([sys.executable, "-m", "nbgrader", *args, "--CourseDirectory.root=."],
                                       cwd=course, env=env, capture_output=True, text=True, timeout=600)
    r = run("generate_assignment", "ps1")
    assert r.returncode == 0, r.stderr[-2000:]
    released = course / "release" / "ps1" / nb_path.name
    assert "### BEGIN SOLUTION" not in released.read_text() and "NotImplementedError" in released.read_text()
    for student, src in (("solved", course / "source" / "ps1" / nb_path.name), ("unsolved", released)):
        (course / "submitted" / student / "ps1").mkdir(parents=True)
        shutil.copy(src, course / "submitted" / student / "ps1" / nb_path.name)
    r = run("autograde", "ps1", "--create")
    assert r.returncode == 0, r.stderr[-2000:]
    from nbgrader.api import Gradebook
    n = len(ex.solution_cells(json.loads(GRADE_NBS[0].read_text())))
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {s: (gb.find_submission("ps1", s).score, gb.find_submission("ps1", s).max_score)
                  for s in ("solved", "unsolved")}
    assert scores == {"solved": (n, n), "unsolved": (0, n)}, scores
