"""Optimization: update rules with per-parameter state, mini-batches, learning-rate schedules, EWMA."""
from .optimizers import *  # noqa: F401,F403
from .mini_batches import *  # noqa: F401,F403
from .schedules import *  # noqa: F401,F403
from .ewma import *  # noqa: F401,F403
from .clipping import *  # noqa: F401,F403
from .warmup import *  # noqa: F401,F403
