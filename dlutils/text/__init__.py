"""Course 5 text: vocabularies and one-hot, character language models and sampling, word vectors and
debiasing, sequence-to-sequence, beam search, BLEU. Layout: sequences (n_x, m, T_x)."""
from .vocab import *  # noqa: F401,F403
from .char_lm import *  # noqa: F401,F403
from .music import *  # noqa: F401,F403
from .cooccurrence import *  # noqa: F401,F403
from .glove import *  # noqa: F401,F403
from .word_vectors import *  # noqa: F401,F403
from .sentence_models import *  # noqa: F401,F403
from .dates import *  # noqa: F401,F403
from .seq2seq import *  # noqa: F401,F403
from .beam_search import *  # noqa: F401,F403
from .bleu import *  # noqa: F401,F403
