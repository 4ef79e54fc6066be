"""Models and training: the Model contract, LogisticRegression, DeepNet, Sequential and its callbacks,
the training loop and its History, gradient checking, hyperparameter search."""
from .models import *  # noqa: F401,F403
from .training import *  # noqa: F401,F403
from .history import *  # noqa: F401,F403
from .callbacks import *  # noqa: F401,F403
from .summary import *  # noqa: F401,F403
from .architectures import *  # noqa: F401,F403
from .weights import *  # noqa: F401,F403
from .sequential import *  # noqa: F401,F403
from .gradient_check import *  # noqa: F401,F403
from .tuning import *  # noqa: F401,F403
from .recurrent_diagnostics import *  # noqa: F401,F403
