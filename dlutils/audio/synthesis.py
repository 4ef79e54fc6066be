"""Synthesized speech-like audio: speakers, formant-like syllables, words, backgrounds.

Nothing here is recorded: a "word" is a fixed pattern of syllables, and a syllable is either
voiced (a harmonic series on a pitch contour whose harmonics are shaped by two or three
sweeping formant resonances, like a vowel gliding into another) or noise (a band of filtered
noise, like "s" or "t"), or a short gap (a stop). A ``Speaker`` changes how a word sounds
without changing its pattern: pitch ``f0``, speed, timbre (``formant_scale`` stretches every
formant like a shorter or longer vocal tract, ``tilt`` darkens or brightens the harmonics,
``breath`` mixes noise into voiced parts) and loudness. Each take of a word also jitters its
durations and formants a little, so no two takes are the same.

Layout: clips are 1-D float64 arrays of samples in [-1, 1] at ``sample_rate`` Hz (8 kHz by
default). Randomness only through an explicit ``rng``. Taught in:
c5_sequence_models/04_trigger_word_detection.

    spk = dl.make_speaker(rng)
    clip = dl.say("activate", spk, rng)            # the trigger word, ~0.5-0.8 s
    bg = dl.make_background(rng, 3.0, kind="babble")
"""
from typing import NamedTuple

import numpy as np

from ..validation import check_rng

__all__ = ["SAMPLE_RATE", "WORDS", "TRIGGER_WORD", "NEGATIVE_WORDS", "BACKGROUND_KINDS", "Speaker",
           "make_speaker", "synth_syllable", "say", "colored_noise", "make_background", "make_chime"]

SAMPLE_RATE = 8000

# A syllable: ("v", seconds, (F1 start, F1 end), (F2 start, F2 end), (pitch start, pitch end))
#             ("n", seconds, (band low Hz, band high Hz), level)       noise band
#             ("g", seconds)                                           silence (a stop)
WORDS = {
    # the trigger: "a" gliding up, a "t" burst, "i" falling into "ei", a closing "t"
    "activate": [("v", 0.16, (750, 650), (1150, 1700), (1.00, 1.15)), ("g", 0.04),
                 ("n", 0.05, (2600, 3800), 0.6),
                 ("v", 0.10, (300, 320), (2300, 2200), (1.15, 1.05)),
                 ("v", 0.20, (350, 600), (1000, 1900), (1.05, 0.85)), ("g", 0.03),
                 ("n", 0.04, (3000, 3900), 0.5)],
    # negatives: some share a piece of the trigger so the model must hear the whole pattern
    "banana": [("v", 0.12, (650, 700), (1200, 1250), (1.0, 1.0)), ("v", 0.14, (300, 700), (1500, 1300), (1.05, 1.0)),
               ("v", 0.18, (300, 700), (1500, 1250), (1.0, 0.85))],
    "window": [("v", 0.18, (300, 450), (800, 1900), (1.0, 1.1)), ("g", 0.05),
               ("v", 0.22, (500, 350), (1000, 750), (1.05, 0.8))],
    "sister": [("n", 0.10, (3500, 3990), 0.7), ("v", 0.12, (320, 350), (2200, 2100), (1.0, 1.05)),
               ("n", 0.09, (3500, 3990), 0.6), ("g", 0.03), ("v", 0.14, (500, 450), (1400, 1350), (1.0, 0.85))],
    "hello": [("n", 0.05, (500, 2000), 0.3), ("v", 0.12, (550, 600), (1800, 1700), (1.0, 1.1)),
              ("v", 0.24, (450, 400), (1000, 800), (1.1, 0.8))],
    "acting": [("v", 0.16, (750, 650), (1150, 1700), (1.00, 1.15)), ("g", 0.04), ("n", 0.05, (2600, 3800), 0.6),
               ("v", 0.18, (320, 300), (2300, 2400), (1.1, 0.9)), ("n", 0.04, (1500, 2500), 0.2)],
}
TRIGGER_WORD = "activate"
NEGATIVE_WORDS = tuple(w for w in WORDS if w != TRIGGER_WORD)
BACKGROUND_KINDS = ("pink", "brown", "white", "hum", "babble")


class Speaker(NamedTuple):
    """How one voice says every word (see the module docstring)."""
    f0: float             # mean pitch in Hz (about 85-260)
    speed: float          # > 1 talks faster
    formant_scale: float  # formant frequencies x this (timbre, vocal tract length)
    tilt: float           # harmonic k gets amplitude k**(-tilt): large = darker
    breath: float         # share of noise mixed into voiced syllables
    loudness: float       # peak amplitude of a word


def make_speaker(rng):
    """Draw a random ``Speaker`` (pitch, speed, timbre and loudness)."""
    check_rng("make_speaker", rng)
    if rng.random() < 0.5:
        f0 = rng.uniform(85, 150)          # lower voices
    else:
        f0 = rng.uniform(160, 260)         # higher voices
    return Speaker(f0=float(f0), speed=float(rng.uniform(0.8, 1.25)),
                   formant_scale=float(rng.uniform(0.88, 1.15)), tilt=float(rng.uniform(0.6, 1.4)),
                   breath=float(rng.uniform(0.0, 0.25)), loudness=float(rng.uniform(0.35, 0.9)))


def _envelope(n, sample_rate, attack=0.012, release=0.025):
    env = np.ones(n)
    a, r = max(1, min(n // 2, int(attack * sample_rate))), max(1, min(n // 2, int(release * sample_rate)))
    env[:a] = 0.5 - 0.5 * np.cos(np.pi * np.arange(a) / a)
    env[n - r:] = 0.5 + 0.5 * np.cos(np.pi * np.arange(r) / r)
    return env


def _band_noise(rng, n, low, high, sample_rate):
    """White noise filtered to a smooth band [low, high] Hz (FFT mask with soft edges)."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1.0 / sample_rate)
    width = max(60.0, 0.15 * (high - low))
    mask = 1 / (1 + np.exp(-(f - low) / width)) * 1 / (1 + np.exp((f - high) / width))
    x = np.fft.irfft(spec * mask, n)
    return x / (np.sqrt(np.mean(x * x)) + 1e-12)


def synth_syllable(syllable, speaker, rng, sample_rate=SAMPLE_RATE, jitter=0.05):
    """One syllable (see ``WORDS`` for the tuple format) as float64 samples, peak about 1."""
    kind, dur = syllable[0], syllable[1]
    d = dur / speaker.speed * (1 + jitter * rng.uniform(-1, 1))
    n = max(8, int(round(d * sample_rate)))
    if kind == "g":
        return np.zeros(n)
    nyq = 0.5 * sample_rate
    if kind == "n":
        low, high = (min(v * speaker.formant_scale, nyq * 0.98) for v in syllable[2])
        return syllable[3] * 0.35 * _band_noise(rng, n, low, high, sample_rate) * _envelope(n, sample_rate, 0.005, 0.01)
    if kind != "v":
        raise ValueError(f"synth_syllable: kind must be 'v' (voiced), 'n' (noise) or 'g' (gap), got {kind!r}.")
    (f1a, f1b), (f2a, f2b), (pa, pb) = syllable[2], syllable[3], syllable[4]
    t = np.linspace(0.0, 1.0, n)
    s = speaker.formant_scale * (1 + 0.5 * jitter * rng.uniform(-1, 1))
    F = np.stack([(f1a + (f1b - f1a) * t) * s, (f2a + (f2b - f2a) * t) * s,
                  np.full(n, 2700.0 * s)])                         # F1, F2 sweep; F3 fixed per speaker
    bw = np.array([[90.0], [130.0], [200.0]])
    gains = np.array([[1.0], [0.7], [0.25]])
    vibrato = 1 + 0.01 * np.sin(2 * np.pi * 5.0 * np.arange(n) / sample_rate + rng.uniform(0, 2 * np.pi))
    f0 = speaker.f0 * (pa + (pb - pa) * t) * vibrato
    phase = 2 * np.pi * np.cumsum(f0) / sample_rate
    K = int(nyq * 0.95 // f0.min())
    k = np.arange(1, K + 1)[:, None]
    fk = k * f0[None, :]                                              # (K, n) harmonic frequencies
    shape = (gains[None] * np.exp(-0.5 * ((fk[:, None, :] - F[None]) / bw[None]) ** 2)).sum(axis=1)
    amp = (shape + 0.02) * k ** (-speaker.tilt) * (fk < nyq * 0.95)
    x = (amp * np.sin(k * phase[None, :])).sum(axis=0)
    x /= np.max(np.abs(x)) + 1e-12
    if speaker.breath:
        x += speaker.breath * 0.3 * _band_noise(rng, n, 300, 3500, sample_rate)
    return x * _envelope(n, sample_rate)


def say(word, speaker, rng, sample_rate=SAMPLE_RATE):
    """One take of ``word`` (a key of ``WORDS``) by ``speaker``: float64 samples, peak = loudness."""
    if word not in WORDS:
        raise ValueError(f"say: unknown word {word!r}; the words are {sorted(WORDS)}.")
    check_rng("say", rng)
    x = np.concatenate([synth_syllable(s, speaker, rng, sample_rate) for s in WORDS[word]])
    return speaker.loudness * x / (np.max(np.abs(x)) + 1e-12)


def colored_noise(rng, n, alpha):
    """Noise with power spectrum ~ 1/f**alpha (0 white, 1 pink, 2 brown), unit RMS."""
    spec = np.fft.rfft(rng.standard_normal(n))
    f = np.arange(spec.size, dtype=float)
    f[0] = 1.0
    x = np.fft.irfft(spec * f ** (-alpha / 2.0), n)
    x -= x.mean()
    return x / (np.sqrt(np.mean(x * x)) + 1e-12)


def make_background(rng, seconds, kind, sample_rate=SAMPLE_RATE, level=None):
    """A background of ``seconds`` seconds: ``kind`` in ``BACKGROUND_KINDS``.

    ``pink``/``brown``/``white``: coloured noise; ``hum``: mains hum (50 or 60 Hz and harmonics)
    over faint noise; ``babble``: many short random vowel-like syllables from random voices (not
    our words) over faint noise. ``level`` is the RMS (random 0.01-0.05 when None).
    """
    func = "make_background"
    check_rng(func, rng)
    if kind not in BACKGROUND_KINDS:
        raise ValueError(f"{func}: kind must be one of {BACKGROUND_KINDS}, got {kind!r}.")
    n = int(round(seconds * sample_rate))
    level = float(rng.uniform(0.01, 0.05)) if level is None else float(level)
    alpha = {"white": 0.0, "pink": 1.0, "brown": 2.0}.get(kind, rng.uniform(0.5, 1.5))
    x = colored_noise(rng, n, alpha)
    if kind == "hum":
        t = np.arange(n) / sample_rate
        mains = rng.choice([50.0, 60.0]) * rng.uniform(0.99, 1.01)
        hum = sum(rng.uniform(0.2, 1.0) / h * np.sin(2 * np.pi * h * mains * t + rng.uniform(0, 2 * np.pi))
                  for h in range(1, 7))
        x = 0.3 * x + hum / (np.sqrt(np.mean(hum * hum)) + 1e-12)
    elif kind == "babble":
        b = np.zeros(n)
        for _ in range(int(seconds * 6)):
            spk = make_speaker(rng)
            syl = ("v", rng.uniform(0.08, 0.25), tuple(rng.uniform(300, 800, 2)), tuple(rng.uniform(900, 2400, 2)),
                   tuple(rng.uniform(0.85, 1.15, 2)))
            s = synth_syllable(syl, spk, rng, sample_rate) * rng.uniform(0.3, 1.0)
            start = int(rng.integers(0, max(1, n - s.size)))
            b[start:start + s.size] += s[:n - start]
        x = 0.3 * x + b / (np.sqrt(np.mean(b * b)) + 1e-12)
    return level * x / (np.sqrt(np.mean(x * x)) + 1e-12)


def make_chime(sample_rate=SAMPLE_RATE, seconds=0.3):
    """A short bell-like chime (two decaying partials), peak 0.5: mixed in where a model fires."""
    t = np.arange(int(seconds * sample_rate)) / sample_rate
    x = (np.sin(2 * np.pi * 1320 * t) + 0.5 * np.sin(2 * np.pi * 1980 * t)) * np.exp(-t / 0.08)
    return 0.5 * x / np.max(np.abs(x))
