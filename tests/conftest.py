"""Shared test setup: a headless matplotlib backend and seeded generators.

MPLBACKEND is set before anything imports matplotlib, so plotting and widget tests draw
on Agg and never need a display. This conftest lives in tests/ only; the nbval run over
notebooks/ does not see it.
"""
import os

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture
def rng():
    """A fresh, seeded generator per test: same test, same numbers."""
    return np.random.default_rng(0)


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every figure a test opened, so figures never pile up across tests."""
    yield
    import sys
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


def away_from_zero(rng, shape, low=0.1, high=2.0):
    """Random values with |x| in [low, high]: kinks of relu/leaky relu are never crossed by a
    finite difference step."""
    return rng.uniform(low, high, shape) * rng.choice([-1.0, 1.0], shape)
