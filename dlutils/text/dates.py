"""Human-readable dates paired with ISO dates (YYYY-MM-DD): our own generator for the date
translation task (standard library ``datetime``, our own month and day names, no Faker or babel).

Dates are drawn uniformly between 1950-01-01 and 2049-12-31; two-digit years read 50-99 as 19xx
and 00-49 as 20xx, so every human string determines its ISO date. ``HUMAN_FORMATS`` lists the
formats ("3 february 2014", "9/3/74" (month/day/year), "tuesday october 6 2009", "08 sep 1999", ...).

Encoding: the human vocabulary is every character the formats can produce plus ``<unk>`` and
``<pad>`` (``HUMAN_VOCAB``); the machine vocabulary is the 10 digits and ``-`` (``MACHINE_VOCAB``,
11 symbols). ``encode_dates`` lower-cases and pads to ``T_x`` (30); an unknown character raises
a ``ValueError`` unless ``unknown="unk"`` maps it to ``<unk>`` (the policy the live translation box uses).
Layout: ids ``(m, T_x)``, one-hot ``(V, m, T_x)`` as every Course 5 sequence.
Taught in: c5_sequence_models/07_attention_date_translation (and 08_transformer).
"""
import datetime

import numpy as np

__all__ = [
    "MONTH_NAMES", "DAY_NAMES", "HUMAN_FORMATS", "HUMAN_VOCAB", "MACHINE_VOCAB", "DATE_T_X", "DATE_T_Y",
    "random_dates", "format_date", "make_date_pairs", "encode_dates", "encode_iso", "decode_iso",
    "date_dataset", "date_transformer_ids", "DATE_START",
]

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DATE_T_X, DATE_T_Y = 30, 10
_START = datetime.date(1950, 1, 1).toordinal()
_END = datetime.date(2049, 12, 31).toordinal()


def _ordinal(n):
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


_FORMATS = {
    "d month yyyy":        lambda d, M, D: f"{d.day} {M} {d.year}",               # 3 february 2014
    "m/d/yy":              lambda d, M, D: f"{d.month}/{d.day}/{d.year % 100:02d}",  # 2/3/14
    "weekday month d yyyy": lambda d, M, D: f"{D} {M} {d.day} {d.year}",          # monday february 3 2014
    "dd mon yyyy":         lambda d, M, D: f"{d.day:02d} {M[:3]} {d.year}",       # 03 feb 2014
    "month d, yyyy":       lambda d, M, D: f"{M} {d.day}, {d.year}",              # february 3, 2014
    "dd.mm.yyyy":          lambda d, M, D: f"{d.day:02d}.{d.month:02d}.{d.year}",  # 03.02.2014
    "mon d yy":            lambda d, M, D: f"{M[:3]} {d.day} {d.year % 100:02d}",  # feb 3 14
    "dth of month yyyy":   lambda d, M, D: f"{_ordinal(d.day)} of {M} {d.year}",   # 3rd of february 2014
    "wkd, d mon yyyy":     lambda d, M, D: f"{D[:3]}, {d.day} {M[:3]} {d.year}",  # mon, 3 feb 2014
    "mm/dd/yyyy":          lambda d, M, D: f"{d.month:02d}/{d.day:02d}/{d.year}",  # 02/03/2014
    "d-mon-yy":            lambda d, M, D: f"{d.day}-{M[:3]}-{d.year % 100:02d}",  # 3-feb-14
    "weekday d month yyyy": lambda d, M, D: f"{D} {d.day} {M} {d.year}",          # monday 3 february 2014
}
HUMAN_FORMATS = tuple(_FORMATS)
_CHARS = sorted(set("0123456789 ,./-" + "".join(MONTH_NAMES) + "".join(DAY_NAMES) + "stndrdthof"))
HUMAN_VOCAB = tuple(_CHARS) + ("<unk>", "<pad>")
MACHINE_VOCAB = tuple("-0123456789")
_H = {c: i for i, c in enumerate(HUMAN_VOCAB)}
_M = {c: i for i, c in enumerate(MACHINE_VOCAB)}


def random_dates(m, rng):
    """``m`` dates drawn uniformly from 1950-01-01 .. 2049-12-31 with ``rng``."""
    ords = rng.integers(_START, _END + 1, size=int(m))
    return [datetime.date.fromordinal(int(o)) for o in ords]


def format_date(date, fmt):
    """The human string of ``date`` in format ``fmt`` (one of ``HUMAN_FORMATS``)."""
    if fmt not in _FORMATS:
        raise ValueError(f"format_date: unknown format {fmt!r}; choose one of {HUMAN_FORMATS}.")
    return _FORMATS[fmt](date, MONTH_NAMES[date.month - 1], DAY_NAMES[date.weekday()])


def make_date_pairs(m, rng, formats=None):
    """``(human, machine, dates)``: ``m`` human strings (each in a format drawn with ``rng``), their
    ISO strings and the ``datetime.date`` objects."""
    formats = HUMAN_FORMATS if formats is None else tuple(formats)
    dates = random_dates(m, rng)
    picks = rng.integers(0, len(formats), size=int(m))
    human = [format_date(d, formats[k]) for d, k in zip(dates, picks)]
    return human, [d.isoformat() for d in dates], dates


def encode_dates(strings, T_x=DATE_T_X, unknown="raise"):
    """Human strings -> ids ``(m, T_x)`` padded with ``<pad>``; lower-cases first.

    ``unknown="raise"`` (default) rejects characters outside ``HUMAN_VOCAB``; ``"unk"`` maps them to
    ``<unk>``. A string longer than ``T_x`` raises (the model reads at most ``T_x`` characters).
    """
    if isinstance(strings, str):
        strings = [strings]
    if unknown not in ("raise", "unk"):
        raise ValueError(f"encode_dates: unknown must be 'raise' or 'unk', got {unknown!r}.")
    ids = np.full((len(strings), T_x), _H["<pad>"], dtype=np.int64)
    for i, s in enumerate(strings):
        s = s.lower().strip()
        if len(s) > T_x:
            raise ValueError(f"encode_dates: {s!r} has {len(s)} characters but the model reads at most "
                             f"T_x={T_x}; shorten it (drop the weekday, abbreviate the month).")
        for t, ch in enumerate(s):
            if ch not in _H:
                if unknown == "raise":
                    raise ValueError(f"encode_dates: character {ch!r} in {s!r} is not in the human "
                                     f"vocabulary (digits, month and day letters, space , . / -); "
                                     f"remove it or pass unknown='unk' to map it to <unk>.")
                ids[i, t] = _H["<unk>"]
            else:
                ids[i, t] = _H[ch]
    return ids


def encode_iso(strings):
    """ISO strings ``YYYY-MM-DD`` -> ids ``(m, 10)`` in ``MACHINE_VOCAB``."""
    out = np.zeros((len(strings), DATE_T_Y), dtype=np.int64)
    for i, s in enumerate(strings):
        if len(s) != DATE_T_Y or any(c not in _M for c in s):
            raise ValueError(f"encode_iso: {s!r} is not an ISO date YYYY-MM-DD (10 characters from '-0123456789').")
        out[i] = [_M[c] for c in s]
    return out


def decode_iso(ids):
    """ids ``(m, T_y)`` (or one row) -> list of strings (or one string)."""
    ids = np.asarray(ids)
    if ids.ndim == 1:
        return "".join(MACHINE_VOCAB[int(i)] for i in ids)
    return ["".join(MACHINE_VOCAB[int(i)] for i in row) for row in ids]


def date_dataset(m, rng, T_x=DATE_T_X):
    """``(X_ids (m, T_x), Y_ids (m, 10), human, machine)`` for ``m`` random dates."""
    human, machine, _ = make_date_pairs(m, rng)
    return encode_dates(human, T_x), encode_iso(machine), human, machine


DATE_START = len(MACHINE_VOCAB) + 1        # the decoder's start token in the Transformer's ids


def date_transformer_ids(X_ids, Y_ids=None):
    """Ids for the Transformer, where 0 is padding: ``src = X + 1`` with ``<pad>`` -> 0 (so
    ``vocab_in = len(HUMAN_VOCAB) + 1``); targets ``Y + 1`` (``vocab_out = 13``: 0 pad, 1..11 the
    machine symbols, 12 = ``DATE_START``). Returns ``src`` or ``(src, tgt_in, tgt_out)`` with
    ``tgt_in`` = ``[DATE_START, y<1>, ..., y<T_y-1>]`` (teacher forcing)."""
    X_ids = np.asarray(X_ids)
    src = np.where(X_ids == _H["<pad>"], 0, X_ids + 1)
    if Y_ids is None:
        return src
    tgt_out = np.asarray(Y_ids) + 1
    tgt_in = np.concatenate([np.full((len(tgt_out), 1), DATE_START), tgt_out[:, :-1]], axis=1)
    return src, tgt_in, tgt_out
