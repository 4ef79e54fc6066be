"""BLEU (Papineni et al. 2002): the geometric mean of modified n-gram precisions times a brevity penalty.

    p_n  = sum over candidate n-grams of min(count, max count in any reference) / number of candidate n-grams
    BP   = 1 if c > r else exp(1 - r / c)       c: candidate length, r: the reference length closest to c
    BLEU = BP * exp(sum_n w_n log p_n)          w_n = 1 / N (N = 4 by default)

Tokens are any hashable items: words of a sentence, or characters of a date. ``corpus_bleu`` sums
clipped counts and lengths over all sentences before combining (the standard corpus score).
Taught in: c5_sequence_models/07_attention_date_translation.
"""
import math
from collections import Counter

__all__ = ["ngram_precision", "brevity_penalty", "bleu", "corpus_bleu"]


def _ngrams(tokens, n):
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _check(func, candidate, references):
    if isinstance(references, str) or not references or isinstance(references[0], (int, float)):
        raise ValueError(f"{func}: references must be a non-empty list of token sequences "
                         f"(e.g. [ref1.split(), ref2.split()]), got {references!r:.60}.")
    return list(candidate), [list(r) for r in references]


def _clipped(candidate, references, n):
    cand = _ngrams(candidate, n)
    best = Counter()
    for r in references:
        for g, k in _ngrams(r, n).items():
            best[g] = max(best[g], k)
    return sum(min(k, best[g]) for g, k in cand.items()), max(len(candidate) - n + 1, 0)


def ngram_precision(candidate, references, n):
    """Modified (clipped) ``n``-gram precision of one candidate; 0 when it has no ``n``-grams."""
    candidate, references = _check("ngram_precision", candidate, references)
    num, den = _clipped(candidate, references, n)
    return num / den if den else 0.0


def _closest_ref_len(c, references):
    return min((abs(len(r) - c), len(r)) for r in references)[1]


def brevity_penalty(c, r):
    """``1`` if ``c > r`` else ``exp(1 - r / c)`` (0 for an empty candidate)."""
    if c == 0:
        return 0.0
    return 1.0 if c > r else math.exp(1.0 - r / c)


def bleu(candidate, references, max_n=4, weights=None):
    """Sentence BLEU in [0, 1]; 0 if some n-gram precision is 0 (no smoothing)."""
    candidate, references = _check("bleu", candidate, references)
    return corpus_bleu([candidate], [references], max_n, weights)


def corpus_bleu(candidates, references_list, max_n=4, weights=None):
    """Corpus BLEU: clipped counts and lengths summed over sentences, then combined."""
    if len(candidates) != len(references_list):
        raise ValueError(f"corpus_bleu: {len(candidates)} candidates but {len(references_list)} "
                         f"reference lists; give one list of references per candidate.")
    weights = [1.0 / max_n] * max_n if weights is None else list(weights)
    if len(weights) != max_n:
        raise ValueError(f"corpus_bleu: {len(weights)} weights for max_n={max_n}; give one per n-gram order.")
    num, den = [0] * max_n, [0] * max_n
    c_len = r_len = 0
    for cand, refs in zip(candidates, references_list):
        cand, refs = _check("corpus_bleu", cand, refs)
        c_len += len(cand)
        r_len += _closest_ref_len(len(cand), refs)
        for n in range(1, max_n + 1):
            a, b = _clipped(cand, refs, n)
            num[n - 1] += a
            den[n - 1] += b
    if min(num) == 0:
        return 0.0
    logp = sum(w * math.log(a / b) for w, a, b in zip(weights, num, den))
    return brevity_penalty(c_len, r_len) * math.exp(logp)
