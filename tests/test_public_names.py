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
        if info.name.startswith(("dlutils.widgets", "dlutils.exercises", "dlutils.validation", "dlutils.lab")):
            continue   # dl.widgets.<name>; exercises is a command; validation helpers are internal
        mod = importlib.import_module(info.name)
        for name in getattr(mod, "__all__", []):
            assert hasattr(dl, name), f"{info.name}.__all__ lists {name!r} but dl.{name} does not exist"


def test_no_two_modules_export_the_same_name():
    """``from .x import *`` in the subpackages means a later module silently shadows an earlier
    one's name (this happened to dl.one_hot); every public name must come from one module."""
    import importlib
    import pkgutil
    owner = {}
    for info in pkgutil.walk_packages(dl.__path__, "dlutils."):
        if info.ispkg or info.name.startswith(("dlutils.widgets", "dlutils.exercises", "dlutils.lab")):
            continue
        mod = importlib.import_module(info.name)
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if name in owner:   # a re-export of the same object is fine; two different objects are not
                assert obj is owner[name][1], f"dl.{name} is exported by both {owner[name][0]} and {info.name}"
            else:
                owner[name] = (info.name, obj)
