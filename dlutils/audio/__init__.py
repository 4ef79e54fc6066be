"""Course 5 audio: synthesis, wav files, spectrograms, 1-D convolution, trigger-word data. Layout: clips (m, n_samples)
or spectrograms (n_freq, m, T_x)."""
from .synthesis import *  # noqa: F401,F403
from .wav import *  # noqa: F401,F403
from .spectrogram import *  # noqa: F401,F403
from .trigger import *  # noqa: F401,F403
