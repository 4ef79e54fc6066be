"""Greedy decoding and beam search over any step function, with length normalization.

A decoder is given as ``step(state, tokens) -> (log_probs (k, V), new_state)``: it advances ``k``
hypotheses at once (``tokens (k,)`` are their last tokens, ``None`` at the first step) and
``select(state, rows) -> state`` reorders/copies the hypotheses' states (the default handles a
tuple/list of arrays whose hypothesis axis is ``beam_axis``). Scores are log-probabilities added
along the sequence; with an ``end`` token the final choice uses the length-normalized objective::

    (1 / T_y^alpha) * sum_t log P(y<t> | x, y<1>, ..., y<t-1>)      alpha = 0.7 by default

(``alpha = 0``: no normalization, which favours short outputs; ``alpha = 1``: the average).
Taught in: c5_sequence_models/07_attention_date_translation.
"""
import numpy as np

__all__ = ["greedy_decode", "beam_search", "length_normalized_score"]


def _default_select(state, rows, beam_axis):
    return type(state)(np.take(s, rows, axis=beam_axis) for s in state)


def length_normalized_score(log_prob, length, alpha=0.7):
    """``log_prob / length**alpha``."""
    if length < 1:
        raise ValueError(f"length_normalized_score: length must be >= 1, got {length!r}.")
    return log_prob / float(length) ** alpha


def greedy_decode(step, state, T_y, end=None):
    """Pick the arg-max token at every step. Returns ``(tokens list, summed log-probability)``."""
    tokens, total, last = [], 0.0, None
    for _ in range(int(T_y)):
        logp, state = step(state, last)
        k = int(np.argmax(logp[0]))
        total += float(logp[0, k])
        tokens.append(k)
        last = np.array([k])
        if end is not None and k == end:
            break
    return tokens, total


def beam_search(step, state, T_y, beam_width=3, alpha=0.7, end=None, select=None, beam_axis=1):
    """Keep the ``beam_width`` best partial hypotheses by summed log-probability at each step.

    Returns a list of ``(tokens, log_prob, normalized_score)`` sorted best first by the
    length-normalized score. ``state`` is the decoder state of ONE input (hypothesis axis of size 1).
    """
    if int(beam_width) != beam_width or beam_width < 1:
        raise ValueError(f"beam_search: beam_width must be a positive int, got {beam_width!r}; "
                         f"beam_width=1 is greedy decoding.")
    sel = select or (lambda s, rows: _default_select(s, rows, beam_axis))
    hyps, scores, last = [[]], np.zeros(1), None
    finished = []
    for _ in range(int(T_y)):
        logp, state = step(state, last)
        V = logp.shape[1]
        total = (scores[:, None] + logp).ravel()             # log-probabilities add
        keep = np.argsort(-total, kind="stable")[:beam_width]
        rows, toks = keep // V, keep % V
        new_h, new_s, alive = [], [], []
        for r, tk, sc in zip(rows, toks, total[keep]):
            h = hyps[r] + [int(tk)]
            if end is not None and tk == end:
                finished.append((h, float(sc)))
            else:
                new_h.append(h)
                new_s.append(sc)
                alive.append(r)
        if not new_h:
            break
        hyps, scores = new_h, np.array(new_s)
        state = sel(state, np.array(alive))
        last = np.array([h[-1] for h in hyps])
    finished += [(h, float(s)) for h, s in zip(hyps, scores)]
    out = [(h, s, length_normalized_score(s, len(h), alpha)) for h, s in finished]
    return sorted(out, key=lambda r: -r[2])
