"""Plausible wrong answers for notebooks/c5_sequence_models/06_sentiment_classification.ipynb."""

_AVG = '''
def sentence_to_avg(sentence, E, word_to_id):
    """Average word vector of one sentence.

    sentence: a string, words separated by spaces (any case); E: (n_e, V) word vectors, one
    column per word id; word_to_id: dict word -> id with an "<unk>" entry (zero vector).
    Returns (n_e,): the mean of the words' vectors; unknown words use the "<unk>" id and count
    in the number of words.
    """
    words = sentence.lower().split()
    unk = word_to_id["<unk>"]
    ids = [word_to_id.get(w, unk) for w in words]
    return E[:, ids].mean(axis=1)
'''

_FWD = '''
def model_forward(avg, W, b):
    """Softmax layer on sentence averages.

    avg: (n_e, m) one average per column; W: (C, n_e); b: (C, 1).
    Returns (C, m) probabilities (each column sums to 1), computed stably for large z.
    """
    z = W @ avg + b
    z = z - z.max(axis=0, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=0, keepdims=True)


def predict(avg, W, b):
    """Class index (m,) of the largest probability of each column."""
    return np.argmax(model_forward(avg, W, b), axis=0)
'''


def _sub(src, old, new):
    assert old in src, old
    return src.replace(old, new)


WRONG_ANSWERS = {
    "sentence_to_avg": [
        ("sum instead of average", _sub(_AVG, "E[:, ids].mean(axis=1)", "E[:, ids].sum(axis=1)")),
        ("unknown words crash (KeyError) instead of the <unk> policy",
         _sub(_AVG, "word_to_id.get(w, unk)", "word_to_id[w]")),
        ("unknown words skipped, so not counted in the length",
         _sub(_AVG, "ids = [word_to_id.get(w, unk) for w in words]", "ids = [word_to_id[w] for w in words if w in word_to_id] or [unk]")),
        ("not lowercased: 'Sword' is unknown", _sub(_AVG, "sentence.lower().split()", "sentence.split()")),
        ("mean over the wrong axis (over the vector entries)", _sub(_AVG, "E[:, ids].mean(axis=1)", "E[:, ids].mean(axis=0)")),
    ],
    "model_forward": [
        ("softmax over the examples (axis 1)", _FWD.replace("axis=0, keepdims=True", "axis=1, keepdims=True")),
        ("bias b forgotten", _sub(_FWD, "z = W @ avg + b", "z = W @ avg")),
        ("no max shift: overflows for large z", _sub(_FWD, "    z = z - z.max(axis=0, keepdims=True)\n", "")),
        ("predict takes the argmax over the examples", _sub(_FWD, "model_forward(avg, W, b), axis=0)", "model_forward(avg, W, b), axis=1)")),
        ("sigmoid instead of softmax", _sub(_FWD, "    e = np.exp(z)\n    return e / e.sum(axis=0, keepdims=True)", "    return 1 / (1 + np.exp(-(W @ avg + b)))")),
    ],
}
