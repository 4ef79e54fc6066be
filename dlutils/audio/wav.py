"""WAV files with the standard library ``wave`` module, and playback in a notebook.

Layout: a clip is a 1-D float64 array of samples in [-1, 1]; on disk it is 16-bit PCM mono.
``to_int16`` / ``from_int16`` convert (clipping at +-1, rounding to the nearest step of 1/32767).
``play(x, sample_rate)`` returns an ``IPython.display.Audio`` built from our own WAV bytes
(displayed when it is the last expression of a cell). Taught in:
c5_sequence_models/04_trigger_word_detection.
"""
import io
import wave
from pathlib import Path

import numpy as np

from ..validation import check_array

__all__ = ["to_int16", "from_int16", "wav_bytes", "write_wav", "read_wav", "play"]


def _clip1d(func, x):
    x = check_array(func, "x", x, dtype_kind="fiu")
    if x.ndim != 1:
        hint = f" - for one clip of a batch pass x[{0}]" if x.ndim == 2 else ""
        raise ValueError(f"{func}: x must be a 1-D clip of samples, got shape {x.shape}{hint}.")
    return x


def to_int16(x):
    """Float samples in [-1, 1] -> int16 PCM (values beyond +-1 are clipped)."""
    x = check_array("to_int16", "x", x)
    return np.round(np.clip(x, -1.0, 1.0) * 32767).astype(np.int16)


def from_int16(q):
    """int16 PCM -> float64 samples in [-1, 1]."""
    q = np.asarray(q)
    if q.dtype != np.int16:
        raise ValueError(f"from_int16: expected an int16 array, got dtype {q.dtype}; "
                         f"floats are already samples (use them as they are).")
    return q.astype(np.float64) / 32767.0


def wav_bytes(x, sample_rate):
    """The bytes of a mono 16-bit WAV file holding clip ``x``."""
    x = _clip1d("wav_bytes", x)
    if int(sample_rate) != sample_rate or sample_rate < 1:
        raise ValueError(f"wav_bytes: sample_rate must be a positive int (Hz), got {sample_rate!r}.")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(int(sample_rate))
        w.writeframes(to_int16(x).astype("<i2").tobytes())
    return buf.getvalue()


def write_wav(path, x, sample_rate):
    """Write clip ``x`` (float in [-1, 1]) to ``path`` as 16-bit mono PCM; returns the Path."""
    path = Path(path)
    path.write_bytes(wav_bytes(x, sample_rate))
    return path


def read_wav(path):
    """Read a 16-bit PCM WAV file: returns ``(x, sample_rate)``, x float64 (mono: channels averaged)."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"read_wav: no file at {path}.")
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"read_wav: {path} has {8 * w.getsampwidth()}-bit samples; only 16-bit PCM is read.")
        n_ch, rate = w.getnchannels(), w.getframerate()
        q = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.int16)
    x = from_int16(q).reshape(-1, n_ch).mean(axis=1)
    return x, rate


def play(x, sample_rate):
    """An ``IPython.display.Audio`` player for clip ``x`` (as written by ``wav_bytes``)."""
    from IPython.display import Audio
    return Audio(data=wav_bytes(x, sample_rate))
