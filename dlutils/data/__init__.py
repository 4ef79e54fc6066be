"""Data: our .h5 datasets and the course's file layout, image helpers, the 2-D point generators and
Course 3's synthetic tasks with known Bayes error."""
from .datasets import *  # noqa: F401,F403
from .synthetic import *  # noqa: F401,F403
from .strategy_tasks import *  # noqa: F401,F403
from .text_sets import *  # noqa: F401,F403
from .word_sets import *  # noqa: F401,F403
from .sequence_tasks import *  # noqa: F401,F403
from .bars import *  # noqa: F401,F403
from .scenes import *  # noqa: F401,F403
