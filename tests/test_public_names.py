"""``import dlutils as dl`` is the notebooks' one import: its public names are a promise.

``tests/public_names.txt`` was written before dlutils was regrouped into subpackages (nn/, optim/,
train/, data/, strategy/). Names may be added; none may disappear. Module objects are not part
of the interface (``dl.<name>`` is), so they are left out of the comparison.
"""
import types
from pathlib import Path

import dlutils as dl

STORED = Path(__file__).resolve().parent / "public_names.txt"


def public_names():
    return {n for n in dir(dl) if not n.startswith("_") and not isinstance(getattr(dl, n), types.ModuleType)}


def test_no_public_name_disappeared():
    stored = set(STORED.read_text().split())
    missing = sorted(stored - public_names())
    assert not missing, f"dl.<name> removed (notebooks and users rely on these): {missing}"


def test_every_name_in_all_is_reachable_from_the_top():
    import importlib
    import pkgutil
    for info in pkgutil.walk_packages(dl.__path__, "dlutils."):
        if info.name.startswith(("dlutils.widgets", "dlutils.exercises", "dlutils.validation")):
            continue   # dl.widgets.<name>; exercises is a command; validation helpers are internal
        mod = importlib.import_module(info.name)
        for name in getattr(mod, "__all__", []):
            assert hasattr(dl, name), f"{info.name}.__all__ lists {name!r} but dl.{name} does not exist"
