"""Exercise mode: learner copies of the notebooks with the solutions blanked out.

    python -m dlutils.exercises [--out DIR] [notebooks...]     learner copies (default ./learner)
    python -m dlutils.exercises grade [DIR]                   grade them: passed / failed / not attempted
    python -m dlutils.exercises nbgrader [--out DIR]          export for nbgrader (dlutils/exercises_nbgrader.py)

Every code cell tagged ``solution`` (cell metadata ``{"tags": ["solution"]}``) is replaced by a
stub: each top-level function (and each method of a top-level class) keeps its decorators,
signature and docstring, and its body becomes ``raise NotImplementedError("<hint>")``. The hint
is the cell's metadata ``"hint"`` when present, else a default naming the function. Imports are
kept; any other module-level statement of a solution cell is replaced by one ``raise`` at the
end of the stub, so the learner sees what to write. The check cell after each solution then
fails until the learner's code is right (``tests/test_exercises.py`` proves it for every notebook).

Learner copies go to ``./learner/`` by default, mirroring the ``notebooks/`` tree, without
outputs; the stubbed cells carry the tag ``exercise`` instead of ``solution``.
The stubs are made with ``ast`` (never regexes), so any valid Python cell works.
Notebooks are plain JSON, read and written with the standard library.
Taught in: notebooks/00_start_here.ipynb (how to use exercise mode).
"""
import argparse
import ast
import copy
import json
import sys
from pathlib import Path

__all__ = ["make_stub", "solution_cells", "make_learner_notebook", "make_learner_copies", "exercise_cells",
           "check_cells", "exercise_name", "exercise_label", "is_stub", "exec_cell", "walk_exercises", "snapshot", "run_checks",
           "grade_notebook", "grade", "expect_close", "expect_shape", "main"]

from .exercises_run import *  # noqa: E402,F401,F403  (tags, check helpers, grader)
from .exercises_run import _NotebookContext, _cell_source, _first_line, _tags  # noqa: F401  (tests use them)


def _default_hint(name):
    return (f"write {name}() - read the equations above it, keep the signature, "
            f"then run the check cell below")


def _raise_stmt(hint):
    return ast.parse(f"raise NotImplementedError({hint!r})").body[0]


def _has_docstring(node):
    return (node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant) and isinstance(node.body[0].value.value, str))


def _stub_function(node, hint):
    """A copy of a (Async)FunctionDef whose body is [docstring,] raise NotImplementedError(hint)."""
    node = copy.deepcopy(node)
    body = [node.body[0]] if _has_docstring(node) else []
    body.append(_raise_stmt(hint or _default_hint(node.name)))
    node.body = body
    return node


def _stub_class(node, hint):
    node = copy.deepcopy(node)
    body = []
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body.append(_stub_function(item, hint or _default_hint(f"{node.name}.{item.name}")))
        else:
            body.append(item)       # class attributes and the docstring stay
    node.body = body
    return node


def make_stub(source, hint=None):
    """The learner's version of a solution cell's ``source`` (a string of Python).

    Functions keep decorators, signature and docstring; their body becomes
    ``raise NotImplementedError(hint)``. Classes keep their header, docstring and attributes,
    and every method is stubbed. Imports are kept. Other statements are dropped and one
    ``raise NotImplementedError(hint)`` closes the stub. Raises ``ValueError`` if the source
    is not valid Python.
    """
    if not isinstance(source, str):
        raise ValueError(f"make_stub: source must be a string of Python code, got {type(source).__name__}.")
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ValueError(f"make_stub: the solution cell is not valid Python ({exc.msg}, line {exc.lineno}); "
                         f"fix the cell before making learner copies.") from None
    out, dropped = [], []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.append(_stub_function(node, hint))
        elif isinstance(node, ast.ClassDef):
            out.append(_stub_class(node, hint))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append(node)
        else:
            dropped.append(node)
    if dropped:
        names = sorted({t.id for n in dropped for t in ast.walk(n)
                        if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)})
        default = ("write this cell's code" + (f" (it defines {', '.join(names)})" if names else "")
                   + " - then run the check cell below")
        out.append(_raise_stmt(hint or default))
    module = ast.Module(body=out, type_ignores=[])
    pieces = []
    for node in module.body:
        pieces.append(ast.unparse(node))
    text = ""
    for node, piece in zip(module.body, pieces):
        if text:
            text += "\n\n\n" if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else "\n"
        text += piece
    return text + "\n"


def solution_cells(nb):
    """Indices of the code cells tagged ``solution`` in a notebook dict."""
    return [i for i, c in enumerate(nb.get("cells", []))
            if c.get("cell_type") == "code" and SOLUTION_TAG in _tags(c)]


def make_learner_notebook(nb):
    """A copy of the notebook dict with every solution cell stubbed and all outputs cleared."""
    nb = copy.deepcopy(nb)
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        cell["outputs"] = []
        cell["execution_count"] = None
        if SOLUTION_TAG in _tags(cell):
            try:
                stub = make_stub(_cell_source(cell), cell.get("metadata", {}).get("hint"))
            except ValueError as exc:
                raise ValueError(f"make_learner_notebook: cell {i}: {exc}") from None
            cell["source"] = stub
            cell["metadata"]["tags"] = [EXERCISE_TAG if t == SOLUTION_TAG else t for t in _tags(cell)]
    nb.get("metadata", {}).pop("widgets", None)
    return nb



def _relative(path):
    """Path of a notebook inside the ``notebooks/`` tree (or just its name)."""
    parts = path.resolve().parts
    if "notebooks" in parts:
        k = len(parts) - 1 - parts[::-1].index("notebooks")
        return Path(*parts[k + 1:])
    return Path(path.name)


def make_learner_copies(notebooks, out_dir="learner"):
    """Write a learner copy of each notebook under ``out_dir``; return the written paths."""
    out_dir = Path(out_dir)
    written = []
    for nb_path in notebooks:
        nb_path = Path(nb_path)
        if not nb_path.is_file():
            raise ValueError(f"make_learner_copies: no notebook at {nb_path}; give paths to .ipynb files.")
        try:
            nb = json.loads(nb_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"make_learner_copies: {nb_path} is not a notebook (invalid JSON: {exc}).") from None
        target = out_dir / _relative(nb_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(make_learner_notebook(nb), indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        written.append(target)
    return written


def _default_notebooks():
    root = Path("notebooks")
    found = []
    for p in sorted(root.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in p.parts:
            continue
        try:
            if solution_cells(json.loads(p.read_text(encoding="utf-8"))):
                found.append(p)
        except json.JSONDecodeError:
            continue
    return found


def _grade_main(argv):
    parser = argparse.ArgumentParser(
        prog="python -m dlutils.exercises grade",
        description="Run the learner copies' exercises and their check cells; print passed / failed / "
                    "not attempted per exercise. Exit status 1 when an attempted exercise fails.")
    parser.add_argument("folder", nargs="?", default="learner",
                        help="a folder of notebooks or one notebook (default: ./learner)")
    args = parser.parse_args(argv)
    if not Path(args.folder).exists():
        print(f"grade: {args.folder} does not exist; make learner copies first with "
              f"'python -m dlutils.exercises' (they go to ./learner)", file=sys.stderr)
        return 2
    return grade(args.folder)


def _nbgrader_main(argv):
    from .exercises_nbgrader import export_nbgrader
    parser = argparse.ArgumentParser(
        prog="python -m dlutils.exercises nbgrader",
        description="Export notebooks with exercises to nbgrader's source format (BEGIN/END SOLUTION regions, "
                    "check cells as autograded test cells). Put them in <course>/source/<assignment>/.")
    parser.add_argument("notebooks", nargs="*", help="default: every notebook under ./notebooks with solution cells")
    parser.add_argument("--out", default="nbgrader_source", help="output folder (default: ./nbgrader_source)")
    parser.add_argument("--points", type=float, default=1, help="points per exercise (default 1)")
    args = parser.parse_args(argv)
    try:
        written = export_nbgrader(args.notebooks or _default_notebooks(), args.out, args.points)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for target in written:
        print(target)
    return 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] == "grade":
        return _grade_main(argv[1:])
    if argv and argv[0] == "nbgrader":
        return _nbgrader_main(argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m dlutils.exercises",
        description="Make learner copies of notebooks: cells tagged 'solution' become stubs that raise "
                    "NotImplementedError with a hint.")
    parser.add_argument("notebooks", nargs="*",
                        help="notebooks to convert (default: every notebook under ./notebooks with solution cells)")
    parser.add_argument("--out", default="learner", help="output folder (default: ./learner)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or _default_notebooks()
    if not notebooks:
        print("no notebooks with solution cells found; run this from the repository root or name the notebooks",
              file=sys.stderr)
        return 1
    try:
        written = make_learner_copies(notebooks, args.out)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    for nb_path, target in zip(notebooks, written):
        n = len(solution_cells(json.loads(Path(nb_path).read_text(encoding="utf-8"))))
        print(f"{target}  ({n} exercise{'s' if n != 1 else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
