"""Export the workbook's exercises to nbgrader's format, for instructors.

    python -m dlutils.exercises nbgrader [--out DIR] [--points N] [notebooks...]

Layout of an exported notebook (nbgrader "source" version, solutions included):
- each cell tagged ``solution`` becomes an nbgrader *solution* cell: every function keeps its
  signature and docstring, and its body sits between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION`` (nbgrader's ``generate_assignment`` replaces that region with
  ``raise NotImplementedError()``); other module-level statements are marked the same way;
- its check cells (``dlutils.exercises.check_cells``) become locked cells; the last one is an
  *autograded test* cell worth ``points`` (grade id ``test_<exercise>``);
- every other cell is left as it is, outputs cleared.
Put the exported notebooks in ``<course>/source/<assignment>/`` and run nbgrader as usual.
nbgrader is an optional extra for instructors; nothing here imports it.
Taught in: README.md ("Exercise mode"); tested in tests/test_exercises.py (with nbgrader itself
when it is installed).
"""
import ast
import copy
import json
from pathlib import Path

from .exercises import _cell_source, _relative, check_cells, exercise_name, solution_cells

__all__ = ["mark_solution", "to_nbgrader", "export_nbgrader"]

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"


def _regions(tree):
    """(first line, last line, indent) of every piece of a cell that the learner writes."""
    out = []

    def func(node):
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]
        if not body:
            return
        if body[0].lineno == node.lineno:          # one-line def: mark the whole function
            out.append((node.lineno if not node.decorator_list else node.decorator_list[0].lineno,
                        node.end_lineno, node.col_offset))
        else:
            out.append((body[0].lineno, body[-1].end_lineno, body[0].col_offset))

    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            func(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    func(item)
        elif not isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append((node.lineno, node.end_lineno, 0))
    return out


def mark_solution(source):
    """The solution cell's source with each function body (and any other statement) between
    ``### BEGIN SOLUTION`` / ``### END SOLUTION`` lines. Raises ``ValueError`` on invalid Python."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise ValueError(f"mark_solution: the solution cell is not valid Python ({exc.msg}, line {exc.lineno})") from None
    lines = source.splitlines()
    for first, last, indent in sorted(_regions(tree), reverse=True):
        pad = " " * indent
        lines[last:last] = [pad + END]
        lines[first - 1:first - 1] = [pad + BEGIN]
    return "\n".join(lines) + "\n"


def _meta(grade_id, *, solution=False, grade=False, locked=False, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


def to_nbgrader(nb, points=1):
    """A copy of the notebook dict in nbgrader's source format (see the module docstring)."""
    nb = copy.deepcopy(nb)
    cells = nb.get("cells", [])
    used = set()
    for c in cells:
        if c.get("cell_type") == "code":
            c["outputs"], c["execution_count"] = [], None
    for i in solution_cells(nb):
        cell = cells[i]
        src = _cell_source(cell)
        name = exercise_name(src)
        while name in used:
            name += "_"
        used.add(name)
        cell["source"] = mark_solution(src)
        cell["metadata"]["nbgrader"] = _meta(name, solution=True)
        checks = check_cells(nb, i)
        for k, j in enumerate(checks):
            last = k == len(checks) - 1
            cells[j].setdefault("metadata", {})["nbgrader"] = (
                _meta(f"test_{name}", grade=True, locked=True, points=points) if last
                else _meta(f"setup_{name}_{k}", locked=True))
    nb.get("metadata", {}).pop("widgets", None)
    return nb


def export_nbgrader(notebooks, out_dir, points=1):
    """Write the nbgrader version of each notebook under ``out_dir`` (mirroring ``notebooks/``)."""
    written = []
    for p in map(Path, notebooks):
        if not p.is_file():
            raise ValueError(f"export_nbgrader: no notebook at {p}; give paths to .ipynb files.")
        nb = json.loads(p.read_text(encoding="utf-8"))
        if not solution_cells(nb):
            continue
        target = Path(out_dir) / _relative(p)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(to_nbgrader(nb, points), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    return written
