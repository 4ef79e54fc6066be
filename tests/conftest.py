"""Shared test setup: a headless matplotlib backend and seeded generators.

The tests draw on Agg and never need a display. The backend is chosen with
``matplotlib.use("Agg")`` inside this process rather than by exporting ``MPLBACKEND``:
an exported variable would be inherited by the Jupyter kernels that nbval and the browser
test start (same pytest process), and a kernel on Agg shows no figures at all.
This conftest lives in tests/ only; the nbval run over notebooks/ does not see it.
"""
import matplotlib

matplotlib.use("Agg", force=True)

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
