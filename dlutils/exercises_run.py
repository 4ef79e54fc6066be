"""Running a notebook's exercises in-process: the check helpers, the grader, the bite-test runner.

Layout: ``expect_shape`` / ``expect_close`` (what check cells call: ``AssertionError`` messages in
the learner's terms); ``exercise_cells`` / ``check_cells`` (which cells are exercises and which
check them: the code cells after an exercise up to the first one that asserts); ``walk_exercises``
(runs a notebook's cells in one namespace and stops at each exercise for the caller);
``snapshot`` (a namespace copy a wrong answer can change); ``grade_notebook`` / ``grade`` (the
``python -m dlutils.exercises grade`` table). Everything is re-exported by ``dlutils.exercises``.
Taught in: notebooks/00_start_here.ipynb (exercise mode); every exercise's check cell imports
``expect_close`` from ``dlutils.exercises``.
"""
import ast
import copy
import json
import sys
from pathlib import Path

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"

__all__ = ["SOLUTION_TAG", "EXERCISE_TAG", "expect_shape", "expect_close", "exercise_cells", "check_cells", "exercise_name", "exercise_label",
           "is_stub", "exec_cell", "walk_exercises", "snapshot", "run_checks", "grade_notebook", "grade"]


def _cell_source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _tags(cell):
    return list(cell.get("metadata", {}).get("tags", []))


# -- what check cells use: messages in the learner's terms -------------------------------------
def _fmt(x):
    return f"{x:.8g}" if isinstance(x, (float, int)) and not isinstance(x, bool) else repr(x)


def expect_shape(name, got, shape):
    """``AssertionError`` unless ``got`` is an array of ``shape``; says which shape arrived."""
    if got is None:
        raise AssertionError(f"{name} is None - did the function forget its return?")
    got_shape = tuple(getattr(got, "shape", ()))
    if not hasattr(got, "shape"):
        raise AssertionError(f"{name} should be an array of shape {tuple(shape)}, got {type(got).__name__} {got!r:.60}")
    if got_shape != tuple(shape):
        raise AssertionError(f"{name} has shape {got_shape}, expected {tuple(shape)}")


def expect_close(name, got, expected, atol=1e-7, rtol=1e-6):
    """``AssertionError`` unless ``got`` matches the stored ``expected`` values: first the type and
    shape, then the values (how many are wrong, the first wrong element, expected vs got)."""
    import numpy as np
    expected = np.asarray(expected, dtype=float)
    if got is None:
        raise AssertionError(f"{name} is None - did the function forget its return?")
    if expected.ndim == 0:
        if np.ndim(got) != 0:
            raise AssertionError(f"{name} should be a number, got an array of shape {np.shape(got)}")
        g = float(got)
        if not np.isclose(g, float(expected), atol=atol, rtol=rtol):
            raise AssertionError(f"{name}: expected {_fmt(float(expected))}, got {_fmt(g)}")
        return
    if isinstance(got, (list, tuple)):
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            raise AssertionError(f"{name} should hold numbers, got {got!r:.80}") from None
    expect_shape(name, got, expected.shape)
    got = np.asarray(got, dtype=float)
    bad = ~np.isclose(got, expected, atol=atol, rtol=rtol)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        raise AssertionError(f"{name}: {int(bad.sum())} of {bad.size} values wrong; first at index {idx}: "
                             f"expected {_fmt(float(expected[idx]))}, got {_fmt(float(got[idx]))}")


# -- running a notebook's exercises in-process (the grader and tests/test_exercises.py) ----------
def exercise_cells(nb):
    """Indices of the code cells a learner works in: tagged ``solution`` or ``exercise``."""
    return [i for i, c in enumerate(nb.get("cells", []))
            if c.get("cell_type") == "code" and {SOLUTION_TAG, EXERCISE_TAG} & set(_tags(c))]


def check_cells(nb, i):
    """The check cells of exercise cell ``i``: the code cells after it up to and including the
    first one that asserts (a line starting with ``assert`` or ``expect_``), stopping early at
    the next exercise cell."""
    cells, out = nb["cells"], []
    for j in range(i + 1, len(cells)):
        c = cells[j]
        if c.get("cell_type") != "code":
            continue
        if {SOLUTION_TAG, EXERCISE_TAG} & set(_tags(c)):
            break
        out.append(j)
        if any(line.lstrip().startswith(("assert", "expect_")) for line in _cell_source(c).splitlines()):
            break
    return out


def exercise_name(source):
    """The name an exercise goes by: the first function or class its cell defines."""
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return node.name
    return "cell"


def _is_stub_body(body):
    body = body[1:] if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) else body
    return (len(body) == 1 and isinstance(body[0], ast.Raise) and body[0].exc is not None
            and "NotImplementedError" in ast.unparse(body[0].exc))


def is_stub(source):
    """True while every function of an exercise cell still only raises NotImplementedError."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    top_raise = [n for n in tree.body if isinstance(n, ast.Raise)]
    if not funcs:
        return bool(top_raise)
    return all(_is_stub_body(f.body) for f in funcs)


def exercise_label(source):
    """All functions and classes an exercise cell defines, comma-separated (for the grade table)."""
    try:
        names = [n.name for n in ast.parse(source).body
                 if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    except SyntaxError:
        names = []
    return ", ".join(names) or "cell"


def exec_cell(source, ns, name="<cell>", quiet=True):
    """Run one cell's source in the namespace ``ns`` as a kernel would (``%magics`` included);
    ``quiet`` swallows what the cell prints."""
    import contextlib
    import io
    try:
        from IPython.core.inputtransformer2 import TransformerManager
        source = TransformerManager().transform_cell(source)
    except ImportError:       # pragma: no cover - IPython comes with jupyter
        pass
    code = compile(source, name, "exec")
    if not quiet:
        exec(code, ns)
        return
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, ns)


class _NotebookContext:
    """chdir to the notebook's folder, draw on Agg, and make plt.show close the figures."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def __enter__(self):
        import os
        self._plt, self._cwd = None, os.getcwd()
        try:
            import matplotlib
            matplotlib.use("Agg", force=True)
            import matplotlib.pyplot as plt
        except ImportError:        # pragma: no cover - notebooks that draw need it anyway
            plt = None
        if plt is not None:
            self._plt, self._show = plt, plt.show
            plt.show = lambda *a, **k: plt.close("all")
        os.chdir(self.folder)
        return self

    def __exit__(self, *exc):
        import os
        os.chdir(self._cwd)
        if self._plt is not None:
            self._plt.show = self._show
            self._plt.close("all")
        return False


def walk_exercises(nb, ns, run_cell=exec_cell, on_error=None):
    """Run the notebook's code cells in ``ns`` up to its last check cell; at each exercise cell
    yield ``(index, checks)`` and let the caller run that cell and its checks (the walk skips
    them). ``on_error(index, exc)`` handles an exception of another cell (default: raise)."""
    cells = nb.get("cells", [])
    ex_idx = exercise_cells(nb)
    if not ex_idx:
        return
    last = max(max([i] + check_cells(nb, i)) for i in ex_idx)
    skip = set()
    for i, cell in enumerate(cells[:last + 1]):
        if cell.get("cell_type") != "code" or i in skip:
            continue
        if i in ex_idx:
            checks = check_cells(nb, i)
            skip.update(checks)
            yield i, checks
            continue
        try:
            run_cell(_cell_source(cell), ns, f"<cell {i}>")
        except Exception as exc:       # noqa: BLE001 - the caller decides
            if on_error is None:
                raise
            on_error(i, exc)


def snapshot(ns):
    """A copy of a notebook namespace that a wrong answer can change without touching ``ns``:
    arrays, dicts and generators are deep-copied (sharing one memo), modules and the like shared."""
    memo, out = {}, {}
    for k, v in ns.items():
        try:
            out[k] = copy.deepcopy(v, memo)
        except Exception:     # noqa: BLE001 - modules, widgets, open files: shared as they are
            out[k] = v
    return out


def run_checks(source, checks, nb, ns, run_cell=exec_cell):
    """Run an exercise cell's ``source`` and then its check cells in ``ns``; return None when all
    pass, else the exception raised."""
    try:
        run_cell(source, ns, "<exercise>")
        for j in checks:
            run_cell(_cell_source(nb["cells"][j]), ns, f"<check cell {j}>")
    except Exception as exc:      # noqa: BLE001 - reported to the caller
        return exc
    return None


def _first_line(exc, width=90):
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."


def grade_notebook(path):
    """Grade one notebook: a list of ``(cell index, exercise name, status, message)`` with status
    ``passed``, ``failed`` or ``not attempted`` (the cell is still the stub)."""
    path = Path(path)
    nb = json.loads(path.read_text(encoding="utf-8"))
    rows, errors = [], []
    ns = {"__name__": "__main__"}
    with _NotebookContext(path.parent):
        for i, checks in walk_exercises(nb, ns, on_error=lambda i, exc: errors.append((i, exc))):
            src = _cell_source(nb["cells"][i])
            name = exercise_label(src)
            if is_stub(src):
                try:           # still define the stub's functions: later cells name them
                    exec_cell(src, ns)
                except Exception:     # noqa: BLE001
                    pass
                rows.append((i, name, "not attempted", ""))
                continue
            exc = run_checks(src, checks, nb, ns)
            if exc is None:
                rows.append((i, name, "passed", ""))
            elif isinstance(exc, NotImplementedError):
                rows.append((i, name, "failed", "it calls an exercise that is not done yet: " + _first_line(exc)))
            else:
                rows.append((i, name, "failed", _first_line(exc)))
    return rows


def grade(folder="learner", out=None):
    """Grade every notebook with exercises under ``folder``; print a table; return the exit code
    (0 when no attempted exercise fails, 1 otherwise, 2 when there is nothing to grade)."""
    out = out or sys.stdout
    folder = Path(folder)
    paths = [folder] if folder.is_file() else sorted(
        p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    paths = [p for p in paths if exercise_cells(json.loads(p.read_text(encoding="utf-8")))]
    if not paths:
        print(f"grade: no notebooks with exercises under {folder}; make learner copies first with "
              f"'python -m dlutils.exercises'", file=sys.stderr)
        return 2
    counts = {"passed": 0, "failed": 0, "not attempted": 0}
    for p in paths:
        print(f"{p}", file=out)
        rows = grade_notebook(p)
        width = max([len(name) for _, name, _, _ in rows] + [10])
        for i, name, status, message in rows:
            counts[status] += 1
            print(f"  {name:{width}s}  {status:13s}  {message}".rstrip(), file=out)
    print(f"{counts['passed']} passed, {counts['failed']} failed, {counts['not attempted']} not attempted",
          file=out)
    return 1 if counts["failed"] else 0
