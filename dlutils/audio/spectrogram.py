"""Spectrograms by short-time FFT, in numpy: frame, window, FFT, log power.

A clip of ``n`` samples is cut into frames of ``window_length`` samples, one every ``hop``
samples; frame ``t`` is ``x[t*hop : t*hop + window_length]``, so there are
``T_x = 1 + (n - window_length) // hop`` frames (the last partial frame is dropped). Each
frame is multiplied by a Hann window ``w[k] = 0.5 - 0.5 cos(2 pi k / window_length)``, and its
power spectrum is ``|rfft(frame * w, nfft)|**2 / sum(w**2)`` over ``nfft // 2 + 1`` frequencies
``f_j = j * sample_rate / nfft``. The log power is ``10 log10(power + eps)`` decibels.

The course's trigger-word spectrogram (10 s at 44.1 kHz, nfft 200, 120 samples of overlap,
hence a hop of 80) gives 101 frequencies x 5511 steps; ours uses the same nfft and hop at
8 kHz, so 101 frequencies and one step per 10 ms: ``T_x = 298`` for a 3 s clip.

Layout: one clip ``(n,)`` -> ``(n_freq, T_x)``; a batch of clips ``(m, n)`` -> ``(n_freq, m, T_x)``,
the sequence layout ``(n_x, m, T_x)`` of Course 5. Taught in:
c5_sequence_models/04_trigger_word_detection.
"""
import numpy as np

from ..validation import check_array

__all__ = ["n_frames", "hann_window", "frame_signal", "spectrogram", "spectrogram_loop", "frame_times",
           "frequencies"]


def _check_framing(func, n, window_length, hop):
    for name, v in (("window_length", window_length), ("hop", hop)):
        if int(v) != v or v < 1:
            raise ValueError(f"{func}: {name} must be a positive number of samples, got {v!r}.")
    if n < window_length:
        raise ValueError(f"{func}: the clip has {n} samples, fewer than one window of {window_length}; "
                         f"use a longer clip or a shorter window_length.")


def n_frames(n_samples, window_length, hop):
    """How many whole frames a clip of ``n_samples`` holds: ``1 + (n - window_length) // hop``."""
    _check_framing("n_frames", n_samples, window_length, hop)
    return 1 + (int(n_samples) - int(window_length)) // int(hop)


def hann_window(window_length):
    """Periodic Hann window ``0.5 - 0.5 cos(2 pi k / N)``, k = 0..N-1."""
    k = np.arange(int(window_length))
    return 0.5 - 0.5 * np.cos(2 * np.pi * k / int(window_length))


def frame_signal(x, window_length, hop):
    """Frames of ``x``: ``(n,)`` -> ``(T_x, window_length)``, ``(m, n)`` -> ``(m, T_x, window_length)``.

    A read-only strided view (no copy): frame ``t`` starts at sample ``t * hop``.
    """
    func = "frame_signal"
    x = check_array(func, "x", x)
    if x.ndim not in (1, 2):
        raise ValueError(f"{func}: x must be one clip (n,) or a batch of clips (m, n), got shape {x.shape}.")
    _check_framing(func, x.shape[-1], window_length, hop)
    view = np.lib.stride_tricks.sliding_window_view(x, int(window_length), axis=-1)
    return view[..., ::int(hop), :]


def spectrogram(x, window_length=200, hop=80, nfft=None, log=True, eps=1e-10):
    """Short-time power spectrum of a clip ``(n,)`` -> ``(n_freq, T_x)`` or a batch ``(m, n)`` ->
    ``(n_freq, m, T_x)``; ``nfft`` defaults to ``window_length``; ``log=True`` gives decibels."""
    func = "spectrogram"
    x = check_array(func, "x", x)
    if x.ndim == 2 and x.shape[0] > x.shape[1]:
        raise ValueError(f"{func}: x has shape {x.shape}: more clips than samples per clip; a batch is "
                         f"(m, n_samples), one clip per row - did you pass x.T?")
    if x.ndim not in (1, 2):
        raise ValueError(f"{func}: x must be one clip (n,) or a batch of clips (m, n), got shape {x.shape}.")
    _check_framing(func, x.shape[-1], window_length, hop)
    nfft = int(window_length) if nfft is None else int(nfft)
    if nfft < window_length:
        raise ValueError(f"{func}: nfft ({nfft}) must be at least window_length ({window_length}).")
    frames = frame_signal(x, window_length, hop)
    w = hann_window(window_length)
    power = np.abs(np.fft.rfft(frames * w, n=nfft, axis=-1)) ** 2 / np.sum(w * w)
    if log:
        power = 10.0 * np.log10(power + eps)
    if x.ndim == 1:
        return power.T                            # (n_freq, T_x)
    return power.transpose(2, 0, 1)               # (n_freq, m, T_x)


def spectrogram_loop(x, window_length=200, hop=80, nfft=None, log=True, eps=1e-10):
    """Plain reference for one clip: a Python loop over frames (slow, obviously right)."""
    x = np.asarray(x, dtype=float)
    nfft = int(window_length) if nfft is None else int(nfft)
    w = hann_window(window_length)
    T_x = n_frames(x.size, window_length, hop)
    out = np.zeros((nfft // 2 + 1, T_x))
    for t in range(T_x):
        frame = x[t * hop: t * hop + window_length] * w
        out[:, t] = np.abs(np.fft.rfft(frame, n=nfft)) ** 2 / np.sum(w * w)
    return 10.0 * np.log10(out + eps) if log else out


def frame_times(T_x, window_length=200, hop=80, sample_rate=8000):
    """Centre of each frame in seconds, ``(T_x,)``."""
    return (np.arange(int(T_x)) * hop + window_length / 2.0) / sample_rate


def frequencies(nfft=200, sample_rate=8000):
    """The ``nfft // 2 + 1`` frequencies (Hz) of the spectrogram's rows."""
    return np.arange(int(nfft) // 2 + 1) * sample_rate / int(nfft)
