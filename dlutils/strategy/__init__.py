"""Course 3, ML strategy as library code: diagnosis, error analysis, satisficing, quizzes, multi-task."""
from .diagnosis import *  # noqa: F401,F403
from .error_analysis import *  # noqa: F401,F403
from .satisficing import *  # noqa: F401,F403
from .quiz import *  # noqa: F401,F403
from .multitask import *  # noqa: F401,F403
