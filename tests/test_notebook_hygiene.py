"""Notebook hygiene: every notebook under notebooks/ follows the repository's rules.

Repo policy (CONTRIBUTING.md, "Notebooks" and "Tests"): notebooks are committed WITHOUT outputs and
without widget state; they are tests through nbval --nbval-lax, so each one needs asserting
cells; they run offline, from any folder, deterministically from one seeded generator.
The checker is a plain function (``notebook_problems``) so that the tests at the bottom can
prove it bites on small bad notebooks.
"""
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)

ABSOLUTE_PATH = re.compile(r"(?<![\w.~/-])(/home/|/root/|/work/|/tmp/|/Users/|[A-Za-z]:\\\\?[\w])")
DOWNLOADS = [
    (re.compile(r"\burllib\b"), "urllib"),
    (re.compile(r"\bimport\s+requests\b|\bfrom\s+requests\b|\brequests\.(get|post|request)\b"), "requests"),
    (re.compile(r"\bwget\b"), "wget"),
    (re.compile(r"\bcurl\b"), "curl"),
    (re.compile(r"https?://"), "http(s):// URL"),
]
LEGACY_RANDOM = re.compile(
    r"\b(?:np|numpy)\.random\.(seed|rand|randn|randint|random_integers|random_sample|random|ranf|sample|"
    r"choice|shuffle|permutation|normal|uniform|binomial|RandomState)\b")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(.*)$", re.M)


def _source(cell):
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _has_assert(src):
    return re.search(r"^\s*assert\b", src, re.M) is not None


# One generator per notebook, made in the setup cell from SEED. Several notebooks also build
# extra generators from an explicit seed to compare inline code with dlutils on the SAME
# random draws ("same seed, same mask", same mini-batches, same init for two runs). That is
# deterministic, so it is allowed by default; an unseeded default_rng() never is.
# STRICT_RNG = True enforces the letter of the rule: exactly one default_rng( call.
STRICT_RNG = False


def notebook_problems(nb, strict_rng=None):
    """Every rule the notebook breaks, as readable strings (empty list = clean)."""
    strict_rng = STRICT_RNG if strict_rng is None else strict_rng
    problems = []
    cells = nb.get("cells", [])
    code = [c for c in cells if c.get("cell_type") == "code"]
    md = [c for c in cells if c.get("cell_type") == "markdown"]

    # a notebook is a test only if it asserts something
    if not any(_has_assert(_source(c)) for c in code):
        problems.append("no code cell with an assert (the notebook would test nothing under nbval-lax)")

    # stripped: no outputs, no execution counts, no widget state
    for i, c in enumerate(cells):
        if c.get("cell_type") == "code":
            if c.get("outputs"):
                kinds = {o.get("output_type") for o in c["outputs"]}
                problems.append(f"cell {i} has stored outputs {sorted(kinds)} (commit notebooks without outputs)")
            if c.get("execution_count") is not None:
                problems.append(f"cell {i} has execution_count {c['execution_count']} (strip it)")
    meta = nb.get("metadata", {})
    if "widgets" in meta:
        problems.append("notebook metadata holds widget state ('widgets'); clear it before committing")
    ks = meta.get("kernelspec", {})
    if ks and ks.get("name") != "python3":
        problems.append(f"kernelspec is {ks.get('name')!r}, expected 'python3'")

    for i, c in enumerate(code):
        src = _source(c)
        idx = cells.index(c)
        tags = [t.lower() for t in c.get("metadata", {}).get("tags", [])]
        if "NBVAL_RAISES_EXCEPTION" in src or "raises-exception" in tags or "nbval-raises-exception" in tags:
            problems.append(f"cell {idx} uses NBVAL_RAISES_EXCEPTION (it does not require an exception; "
                            f"catch the error with try/except and print it)")
        if "NBVAL_CHECK_OUTPUT" in src or "nbval-check-output" in tags:
            problems.append(f"cell {idx} uses NBVAL_CHECK_OUTPUT, meaningless without stored outputs")
        for rx, what in DOWNLOADS:
            if rx.search(src):
                problems.append(f"cell {idx} downloads ({what}); data come from dl.load_dataset or dl.make_*")
        if re.search(r"\bpip\s+install\b", src):
            problems.append(f"cell {idx} runs pip install; requirements.txt installs everything")
        if re.search(r"\bsys\.path\b", src):
            problems.append(f"cell {idx} changes sys.path; dlutils is installed, import it directly")
        m = LEGACY_RANDOM.search(src)
        if m:
            problems.append(f"cell {idx} uses the legacy global np.random.{m.group(1)}; draw from the "
                            f"notebook's rng = np.random.default_rng(SEED)")
        if "solution" in tags:
            later = [d for d in code[i + 1:]]
            if not later or not _has_assert(_source(later[0])):
                problems.append(f"cell {idx} is tagged 'solution' but the next code cell has no assert "
                                f"(nothing would catch a wrong learner answer)")

    for i, c in enumerate(cells):
        m = ABSOLUTE_PATH.search(_source(c))
        if m:
            problems.append(f"cell {i} has an absolute path ({m.group(0)!r}...); use relative paths or dl.load_dataset")

    calls = [(cells.index(c), m.group(1).strip()) for c in code
             for m in re.finditer(r"default_rng\s*\(([^()]*)\)", _source(c))]
    for idx, arg in calls:
        if not arg:
            problems.append(f"cell {idx} calls default_rng() without a seed: the notebook is not deterministic")
    if calls and calls[0][0] != cells.index(code[0]):
        problems.append("the first default_rng( call is not in the setup cell (the first code cell)")
    if strict_rng and len(calls) > 1:
        problems.append(f"{len(calls)} default_rng( calls; make ONE rng in the setup cell and pass it on")

    # template: title with runtime, Summary and Exercises headings
    if not cells or cells[0].get("cell_type") != "markdown":
        problems.append("the first cell must be the markdown title cell")
    elif not re.search(r"runtime", _source(cells[0]), re.I):
        problems.append("the title cell does not state the expected runtime")
    headings = [h.strip().lower() for c in md for h in HEADING.findall(_source(c))]
    for need in ("summary", "exercises"):
        if not any(need in h for h in headings):
            problems.append(f"no '{need.capitalize()}' heading")
    return problems


# ---- the real notebooks -------------------------------------------------------------------
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[str(p.relative_to(ROOT / "notebooks")) for p in NOTEBOOKS])
def test_notebook_hygiene(path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    problems = notebook_problems(nb)
    assert not problems, f"{path.relative_to(ROOT)}:\n  - " + "\n  - ".join(problems)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found under notebooks/"


# ---- the checker bites --------------------------------------------------------------------
def _good_nb():
    v4 = nbformat.v4
    nb = v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        v4.new_markdown_cell("# Course 1, week 2: logistic regression\n\nExpected runtime: 20 s. "
                             "Run all cells first, then play with the sliders."),
        v4.new_code_cell("import numpy as np\nimport dlutils as dl\nrng = np.random.default_rng(0)"),
        v4.new_code_cell("def sigmoid(z):\n    return 1 / (1 + np.exp(-z))", metadata={"tags": ["solution"]}),
        v4.new_code_cell("assert abs(sigmoid(0) - 0.5) < 1e-12"),
        v4.new_markdown_cell("## Summary\n- one\n\n## Exercises\n1. two"),
    ]
    return nb


def _roundtrip(nb, tmp_path):
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, str(path))
    return notebook_problems(nbformat.read(str(path), as_version=4))


def test_checker_accepts_a_clean_notebook(tmp_path):
    assert _roundtrip(_good_nb(), tmp_path) == []


def _code(src, **kw):
    return nbformat.v4.new_code_cell(src, **kw)


BAD = {
    "no assert": (lambda nb: nb.cells.__setitem__(3, _code("print(sigmoid(0))")), "no code cell with an assert"),
    "outputs": (lambda nb: nb.cells[3].outputs.append(nbformat.v4.new_output("stream", text="hi")),
                "stored outputs"),
    "error output": (lambda nb: nb.cells[3].outputs.append(
        nbformat.v4.new_output("error", ename="E", evalue="x", traceback=[])), "stored outputs ['error']"),
    "execution_count": (lambda nb: setattr(nb.cells[1], "execution_count", 3), "execution_count 3"),
    "widget state": (lambda nb: nb.metadata.__setitem__("widgets", {"application/vnd.jupyter.widget-state+json": {}}),
                     "widget state"),
    "raises": (lambda nb: nb.cells.insert(2, _code("# NBVAL_RAISES_EXCEPTION\n1/0\nassert True")),
               "NBVAL_RAISES_EXCEPTION"),
    "check output": (lambda nb: nb.cells.insert(2, _code("# NBVAL_CHECK_OUTPUT\nprint(1)")), "NBVAL_CHECK_OUTPUT"),
    "abs path home": (lambda nb: nb.cells.insert(2, _code("x = open('/home/me/cat.png')")), "absolute path"),
    "abs path tmp": (lambda nb: nb.cells.insert(2, _code("p = '/tmp/data.h5'")), "absolute path"),
    "abs path work": (lambda nb: nb.cells.insert(2, _code("p = '/work/main/datasets'")), "absolute path"),
    "abs path windows": (lambda nb: nb.cells.insert(2, _code("p = r'C:\\\\Users\\\\me\\\\cat.png'")), "absolute path"),
    "urllib": (lambda nb: nb.cells.insert(2, _code("import urllib.request")), "downloads (urllib)"),
    "requests": (lambda nb: nb.cells.insert(2, _code("import requests")), "downloads (requests)"),
    "wget": (lambda nb: nb.cells.insert(2, _code("!wget data.h5")), "downloads (wget)"),
    "curl": (lambda nb: nb.cells.insert(2, _code("!curl -O x")), "downloads (curl)"),
    "url": (lambda nb: nb.cells.insert(2, _code("dl.load_image('https://example.org/cat.jpg')")), "http(s)://"),
    "pip": (lambda nb: nb.cells.insert(2, _code("%pip install torch")), "pip install"),
    "sys.path": (lambda nb: nb.cells.insert(2, _code("import sys\nsys.path.insert(0, '..')")), "sys.path"),
    "np.random.seed": (lambda nb: nb.cells.insert(2, _code("np.random.seed(1)")), "np.random.seed"),
    "np.random.randn": (lambda nb: nb.cells.insert(2, _code("W = np.random.randn(3, 2)")), "np.random.randn"),
    "np.random.rand": (lambda nb: nb.cells.insert(2, _code("W = np.random.rand(3, 2)")), "np.random.rand"),
    "unseeded rng": (lambda nb: nb.cells.insert(2, _code("r = np.random.default_rng()")), "without a seed"),
    "rng not in setup": (lambda nb: (setattr(nb.cells[1], "source", "import numpy as np"),
                                     nb.cells.insert(2, _code("rng = np.random.default_rng(0)"))),
                         "not in the setup cell"),
    "no runtime": (lambda nb: setattr(nb.cells[0], "source", "# Title\n\nRun all cells."), "runtime"),
    "title not markdown": (lambda nb: nb.cells.insert(0, _code("x = 1")), "first cell must be the markdown title"),
    "no summary": (lambda nb: setattr(nb.cells[-1], "source", "## Exercises\n1. x"), "no 'Summary' heading"),
    "no exercises": (lambda nb: setattr(nb.cells[-1], "source", "## Summary\n- x"), "no 'Exercises' heading"),
    "solution unchecked": (lambda nb: nb.cells.insert(3, _code("y = sigmoid(1)")), "tagged 'solution'"),
    "kernelspec": (lambda nb: nb.metadata["kernelspec"].__setitem__("name", "myenv"), "kernelspec"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_checker_bites(case, tmp_path):
    mutate, expected = BAD[case]
    nb = _good_nb()
    mutate(nb)
    problems = _roundtrip(nb, tmp_path)
    assert any(expected in p for p in problems), (case, problems)


def test_strict_rng_mode(tmp_path):
    """Seeded comparison generators pass by default and fail in strict mode."""
    nb = _good_nb()
    nb.cells.insert(2, _code("A = np.random.default_rng(7).random(3)\nB = np.random.default_rng(7).random(3)"))
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, str(path))
    nb = nbformat.read(str(path), as_version=4)
    assert notebook_problems(nb) == []
    assert any("3 default_rng( calls" in p for p in notebook_problems(nb, strict_rng=True))
    nb.cells.insert(2, _code("rng2 = np.random.default_rng(SEED + 1)"))
    assert notebook_problems(nb) == []
    assert any("4 default_rng( calls" in p for p in notebook_problems(nb, strict_rng=True))


def test_checker_ignores_innocent_text(tmp_path):
    """Words that merely resemble a rule break are fine."""
    nb = _good_nb()
    nb.cells.insert(2, _code("# the generator draws from rng.random, never np.random globals\n"
                             "ratio = 3 / 4  # a/b is not a path\nX = rng.standard_normal((2, 3))"))
    nb.cells.insert(2, nbformat.v4.new_markdown_cell("The requests of a learner; see `datasets/README.md`."))
    assert _roundtrip(nb, tmp_path) == []
