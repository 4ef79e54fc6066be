"""dlutils: the Deep Learning Workbook's shared numpy package.

``import dlutils as dl`` gives the notebooks everything. One concept per module:

=================  =================================================================
activations        sigmoid, tanh, relu, leaky relu, softmax: forward/backward
initializers       zeros, random, xavier, glorot, he for any layer_dims
dense              linear / linear+activation / L-layer forward and backward
losses             L1, L2, binary and softmax cross-entropy, one-hot helpers
regularization     L2 cost and gradient, inverted dropout
batchnorm          batch normalization forward/backward, running averages
optimizers         gd, momentum, RMSprop, Adam; mini-batches; decay; EWMA
gradient_check     centred differences, relative error, whole-network checks
models             Model contract; LogisticRegression, DeepNet (params + loss(X, Y=None))
training           train(): history, callbacks, divergence reports
layers             Dense, Activation, Dropout, BatchNorm blocks for Sequential
sequential         Sequential: fit / evaluate / predict / summary (c2/07's "framework")
tuning             random search on linear/log/1-beta scales, coarse to fine
metrics            accuracy, confusion counts and matrix, precision/recall/F1
data               our .h5 datasets and the course's file layout; image helpers
synthetic          2-D point sets (flower, moons, circles, blobs, quantiles, noisy_2d)
strategy           Course 3: diagnosis from errors, error analysis, satisficing, quizzes
strategy_data      Course 3: synthetic tasks with known Bayes error and hidden causes
plotting           cost curves, decision boundaries, image grids
widgets            live ipywidgets panels (imported lazily)
exercises          learner copies: solution cells replaced by NotImplementedError stubs
validation         fix-it ValueErrors, DivergenceError
=================  =================================================================

Layouts follow the lectures: dense nets take ``X`` of shape ``(n_x, m)``, one example per
column. Randomness always comes from an explicit ``rng = np.random.default_rng(seed)``.
"""
from .activations import *  # noqa: F401,F403
from .initializers import *  # noqa: F401,F403
from .dense import *  # noqa: F401,F403
from .losses import *  # noqa: F401,F403
from .regularization import *  # noqa: F401,F403
from .batchnorm import *  # noqa: F401,F403
from .optimizers import *  # noqa: F401,F403
from .gradient_check import *  # noqa: F401,F403
from .models import *  # noqa: F401,F403
from .training import *  # noqa: F401,F403
from .sequential import *  # noqa: F401,F403
from .tuning import *  # noqa: F401,F403
from .metrics import *  # noqa: F401,F403
from .data import *  # noqa: F401,F403
from .synthetic import *  # noqa: F401,F403
from .strategy import *  # noqa: F401,F403
from .strategy_data import *  # noqa: F401,F403
from .plotting import *  # noqa: F401,F403
from .validation import DivergenceError  # noqa: F401
from . import widgets  # noqa: F401  (ipywidgets itself is imported only when a panel is built)

__version__ = "0.1.0"
