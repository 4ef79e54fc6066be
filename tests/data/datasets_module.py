"""Import a script of datasets/ (build_datasets.py, study_cats_depth.py, ...) by name, once per run,
without putting datasets/ on sys.path for everybody."""
import importlib.util
import sys
from pathlib import Path

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


def datasets_module(name):
    """The module datasets/<name>.py (cached in sys.modules under ``name``)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, DATASETS / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]
