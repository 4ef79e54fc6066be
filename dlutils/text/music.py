"""Melodies as token sequences: parsing, audio by numpy synthesis, piano rolls, structure metrics.

Token format (``datasets/melodies.txt``): ``K:<key>`` (major key C, G, F or D), notes
``'<midi pitch>/<duration in eighths>'`` (e.g. ``'67/2'`` = G4 for a quarter note), ``'|'`` bar
lines, ``'<end>'``. A piece in memory is a list of such strings; ``parse_melody`` turns it into
``(key, notes)`` with notes ``[(pitch, duration), ...]``.

Audio: ``render_melody`` adds for every note a sum of harmonics ``sum_k h_k sin(2 pi k f t)``,
``f = 440 * 2 ** ((pitch - 69) / 12)``, shaped by an attack / exponential-decay / release
envelope; returns a float array in ``[-1, 1]`` at ``rate`` samples per second, ready for
``IPython.display.Audio(wave, rate=rate)``.
Metrics: ``share_in_key`` (notes whose pitch class is in the piece's major scale) and
``share_tonic_endings`` (pieces whose last note is the tonic), ``share_full_bars`` (bars of
exactly 8 eighths). ``random_melodies`` draws note tokens uniformly for the comparison.
Taught in: c5/03_music_generation.
"""
import numpy as np

__all__ = [
    "KEY_TONICS", "MAJOR_SCALE", "parse_melody", "melody_notes", "midi_to_hz", "render_melody",
    "piano_roll", "plot_piano_roll", "share_in_key", "share_tonic_endings", "share_full_bars",
    "random_melodies", "melody_metrics",
]

KEY_TONICS = {"C": 60, "G": 67, "F": 65, "D": 62}
MAJOR_SCALE = (0, 2, 4, 5, 7, 9, 11)


def _note(tok):
    """``(pitch, duration)`` of a note token, or None for anything else."""
    if not isinstance(tok, str) or "/" not in tok:
        return None
    p, _, d = tok.partition("/")
    if not (p.isdigit() and d.isdigit()):
        return None
    return int(p), int(d)


def parse_melody(tokens):
    """``(key, notes)``: the key letter of a leading ``K:<key>`` token (None if absent or unknown)
    and the ``(pitch, duration)`` notes in order; bar lines and other tokens are skipped."""
    if isinstance(tokens, str):
        raise ValueError("parse_melody: pass a list of tokens, not one string; try tokens.split()")
    tokens = list(tokens)
    key = None
    if tokens and isinstance(tokens[0], str) and tokens[0].startswith("K:") and tokens[0][2:] in KEY_TONICS:
        key = tokens[0][2:]
    return key, [n for n in map(_note, tokens) if n is not None]


def melody_notes(tokens):
    """The ``(pitch, duration)`` notes of a piece (see ``parse_melody``)."""
    return parse_melody(tokens)[1]


def midi_to_hz(pitch):
    """Equal temperament, A4 = MIDI 69 = 440 Hz."""
    return 440.0 * 2.0 ** ((np.asarray(pitch, float) - 69.0) / 12.0)


def render_melody(tokens, rate=8000, tempo=120, harmonics=(1.0, 0.5, 0.25, 0.125), attack=0.01,
                  decay=3.0, release=0.03):
    """Audio of a piece: one harmonic tone per note with an envelope, ``tempo`` quarter notes a
    minute (an eighth lasts ``30 / tempo`` s). Returns a float64 array in ``[-1, 1]``."""
    notes = melody_notes(tokens)
    if not notes:
        raise ValueError("render_melody: the piece has no note tokens ('pitch/duration', e.g. '67/2')")
    if rate < 2000:
        raise ValueError(f"render_melody: rate must be >= 2000 samples/s, got {rate}")
    eighth = 30.0 / tempo
    total = int(round(sum(d for _, d in notes) * eighth * rate)) + 1
    out = np.zeros(total)
    start = 0.0
    for pitch, dur in notes:
        n = int(round(dur * eighth * rate))
        t = np.arange(n) / rate
        f = midi_to_hz(pitch)
        tone = sum(h * np.sin(2 * np.pi * (k + 1) * f * t) for k, h in enumerate(harmonics)
                   if (k + 1) * f < rate / 2)
        env = np.minimum(1.0, t / attack) * np.exp(-decay * t)
        env *= np.clip((t[-1] - t) / release, 0.0, 1.0) if n else 1.0
        i0 = int(round(start * rate))
        out[i0:i0 + n] += (tone * env)[:total - i0]
        start += dur * eighth
    peak = np.max(np.abs(out))
    return out / peak * 0.9 if peak > 0 else out


def piano_roll(tokens, low=55, high=84):
    """``(high - low + 1, n_eighths)`` matrix: 1 where a pitch sounds, row 0 = ``low``."""
    notes = melody_notes(tokens)
    steps = sum(d for _, d in notes)
    roll = np.zeros((high - low + 1, steps))
    t = 0
    for p, d in notes:
        if low <= p <= high:
            roll[p - low, t:t + d] = 1.0
        t += d
    return roll


def plot_piano_roll(ax, tokens, title=None, low=55, high=84):
    """Draw a piece's notes as bars (pitch over time in eighths) with bar lines every 8 eighths."""
    notes = melody_notes(tokens)
    t = 0
    for p, d in notes:
        ax.broken_barh([(t, d - 0.1)], (p - 0.4, 0.8), color="tab:blue")
        t += d
    for b in range(0, t + 1, 8):
        ax.axvline(b, color="0.8", lw=0.8, zorder=0)
    ax.set_ylim(low, high)
    ax.set_xlim(0, max(t, 8))
    ax.set_xlabel("time (eighth notes)")
    ax.set_ylabel("MIDI pitch")
    if title:
        ax.set_title(title)
    return ax


def _tonic(key):
    return KEY_TONICS[key] % 12


def share_in_key(pieces):
    """Share of all notes whose pitch class is in the major scale of their piece's key
    (the notes of a piece without a valid key token count as out of key)."""
    inside = total = 0
    for tokens in pieces:
        key, notes = parse_melody(tokens)
        total += len(notes)
        if key is not None:
            inside += sum((p - _tonic(key)) % 12 in MAJOR_SCALE for p, _ in notes)
    return inside / total if total else 0.0


def share_tonic_endings(pieces):
    """Share of pieces whose last note is the tonic of their key (the final phrase's ending)."""
    pieces = list(pieces)
    hits = 0
    for tokens in pieces:
        key, notes = parse_melody(tokens)
        hits += bool(key is not None and notes and notes[-1][0] % 12 == _tonic(key))
    return hits / len(pieces) if pieces else 0.0


def share_full_bars(pieces):
    """Share of bars (between ``|`` tokens) whose notes last exactly 8 eighths (4/4)."""
    good = total = 0
    for tokens in pieces:
        bar = 0
        for tok in list(tokens) + ["|"]:
            if tok in ("|", "<end>"):
                if bar:
                    total += 1
                    good += bar == 8
                bar = 0
            else:
                n = _note(tok)
                bar += n[1] if n else 0
    return good / total if total else 0.0


def random_melodies(vocab_tokens, rng, n, length):
    """``n`` pieces of a real key token followed by ``length`` note tokens drawn uniformly from
    the note tokens of ``vocab_tokens``: the 'no structure' reference for the metrics."""
    keys = sorted(t for t in vocab_tokens if t.startswith("K:"))
    notes = sorted(t for t in vocab_tokens if _note(t))
    if not keys or not notes:
        raise ValueError("random_melodies: vocab_tokens needs key tokens ('K:C') and note tokens ('67/2')")
    return [[keys[rng.integers(len(keys))]] + [notes[i] for i in rng.integers(0, len(notes), length)]
            for _ in range(n)]


def melody_metrics(pieces):
    """``{"in_key": ..., "tonic_ending": ..., "full_bars": ...}`` of a list of pieces."""
    pieces = list(pieces)
    return {"in_key": share_in_key(pieces), "tonic_ending": share_tonic_endings(pieces),
            "full_bars": share_full_bars(pieces)}
