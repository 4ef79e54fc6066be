"""Open the workbook in JupyterLab: the whole repository browsable, ``00_start_here`` open.

    python -m dlutils.lab                 # from anywhere inside the clone
    python -m dlutils.lab --port 8899     # any other JupyterLab option is passed through

Why not plain ``jupyter lab notebooks/00_start_here.ipynb``: given a file, JupyterLab serves only
that file's folder, so the learner copies in ``./learner/`` (``python -m dlutils.exercises``) and
``datasets/`` are out of reach. This serves the repository root and opens start-here through
``--LabApp.default_url``. As root (containers, cloud boxes) JupyterLab refuses to start without
``--allow-root``; this adds it and says so. Everything else is JupyterLab's own behaviour.
Taught in: notebooks/00_start_here.ipynb; README "Quick start".
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

START = "notebooks/00_start_here.ipynb"

__all__ = ["lab_command", "main"]


def repo_root():
    """The clone this dlutils was installed from (``dlutils/..``)."""
    return Path(__file__).resolve().parent.parent


def lab_command(extra_args=(), root=None, is_root_user=None):
    """The ``jupyter lab`` command line this launcher runs (a list; testable without starting it)."""
    root = Path(root) if root is not None else repo_root()
    if not (root / START).is_file():
        raise ValueError(f"dlutils.lab: {START} not found under {root}; run this from a clone of the "
                         f"workbook installed with `pip install -r requirements.txt` (it installs dlutils "
                         f"from the clone in editable mode).")
    if is_root_user is None:
        is_root_user = hasattr(os, "geteuid") and os.geteuid() == 0
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}",
           f"--LabApp.default_url=/lab/tree/{START}"]
    if is_root_user and "--allow-root" not in extra_args:
        cmd.append("--allow-root")
    return cmd + list(extra_args)


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        cmd = lab_command(args)
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    if shutil.which("jupyter-lab", path=str(Path(sys.executable).parent)) is None:
        try:
            import jupyterlab  # noqa: F401
        except ImportError:
            print("dlutils.lab: JupyterLab is not installed in this environment; run "
                  "`python -m pip install -r requirements.txt` first (inside the venv).", file=sys.stderr)
            return 2
    if "--allow-root" in cmd and "--allow-root" not in args:
        print("dlutils.lab: running as root, so --allow-root is added (JupyterLab refuses root otherwise).")
    print("dlutils.lab: serving", cmd[3].split("=", 1)[1], "- opening", START)
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
