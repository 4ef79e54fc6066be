"""The maths of layers: each module holds one concept's forward/backward functions and its layer
class for ``dl.Sequential`` (the layer contract: ``forward -> (out, cache)``, ``backward(dout, cache)``)."""
from .activations import *  # noqa: F401,F403
from .initializers import *  # noqa: F401,F403
from .dense import *  # noqa: F401,F403
from .losses import *  # noqa: F401,F403
from .regularization import *  # noqa: F401,F403
from .batchnorm import *  # noqa: F401,F403
from .rnn import *  # noqa: F401,F403
from .gru import *  # noqa: F401,F403
from .lstm import *  # noqa: F401,F403
from .recurrent_layers import *  # noqa: F401,F403
from .conv import *  # noqa: F401,F403
from .pooling import *  # noqa: F401,F403
from .layer import *  # noqa: F401,F403
from .conv_layers import *  # noqa: F401,F403
from .pooling_layers import *  # noqa: F401,F403
from .flatten import *  # noqa: F401,F403
from .depthwise import *  # noqa: F401,F403
from .residual import *  # noqa: F401,F403
from .inception import *  # noqa: F401,F403
from .autodiff import *  # noqa: F401,F403
from .conv1d import *  # noqa: F401,F403
from .embedding import *  # noqa: F401,F403
from .attention import *  # noqa: F401,F403
from .transformer import *  # noqa: F401,F403
from .transformer_model import *  # noqa: F401,F403
from .transposed_conv import *  # noqa: F401,F403
