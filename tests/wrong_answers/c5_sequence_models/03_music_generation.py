"""Plausible wrong answers for notebooks/c5_sequence_models/03_music_generation.ipynb."""

_METRICS = '''
def structure_metrics(pieces):
    """Two numbers that say whether melodies keep the corpus's structure.

    pieces: list of token lists; a piece starts with its key token "K:C", "K:G", "K:F" or "K:D",
    notes are "pitch/duration" strings (MIDI pitch, duration in eighths), other tokens ("|") are skipped.
    Returns (in_key, tonic_ending): the share of ALL notes whose pitch class (pitch % 12) lies in
    the major scale of their piece's key, and the share of pieces whose last note is the tonic.
    A piece without a key token has none of its notes in key and no tonic ending.
    """
    inside = total = endings = 0
    for tokens in pieces:
        notes = [int(t.split("/")[0]) for t in tokens if "/" in t]
        key = tokens[0][2:] if tokens and tokens[0].startswith("K:") else None
        total += len(notes)
        if key in TONIC and notes:
            inside += sum((p - TONIC[key]) % 12 in MAJOR for p in notes)
            endings += (notes[-1] - TONIC[key]) % 12 == 0
    return inside / total, endings / len(pieces)
'''

_STEP = '''
def inference_step(xt, a_prev, c_prev, parameters, temperature, rng):
    """One step of generation with the trained LSTM, for m pieces at once.

    xt: (V, m) one-hot inputs; a_prev, c_prev: (n_a, m) states; parameters: the LSTM's dict
    (Wf, bf, Wi, bi, Wc, bc, Wo, bo and the head Wy, by); temperature > 0; rng: np.random.Generator.
    Returns (idx, x_next, a_next, c_next): idx (m,) ints drawn from softmax((Wy a_next + by) / temperature),
    one rng.choice per column in column order; x_next (V, m) their one-hot columns; the new states.
    """
    a_next, c_next, _, _ = dl.lstm_cell_forward(xt, a_prev, c_prev, parameters)
    z = (parameters["Wy"] @ a_next + parameters["by"]) / temperature
    p = np.exp(z - z.max(axis=0, keepdims=True))
    p = p / p.sum(axis=0, keepdims=True)
    V, m = p.shape
    idx = np.array([rng.choice(V, p=p[:, i]) for i in range(m)])
    x_next = np.zeros((V, m))
    x_next[idx, np.arange(m)] = 1.0
    return idx, x_next, a_next, c_next
'''

WRONG_ANSWERS = {
    "structure_metrics": [
        ("pitch compared with the scale without removing the tonic", _METRICS.replace(
            "(p - TONIC[key]) % 12 in MAJOR", "p % 12 in MAJOR")),
        ("in_key as the mean of per-piece shares, not over all notes", _METRICS.replace(
            "    inside = total = endings = 0\n", "    shares, endings = [], 0\n").replace(
            "        total += len(notes)\n        if key in TONIC and notes:\n            inside += sum(",
            "        shares.append(0.0)\n        if key in TONIC and notes:\n            shares[-1] = np.mean([").replace(
            "% 12 in MAJOR for p in notes)", "% 12 in MAJOR for p in notes])").replace(
            "    return inside / total, endings / len(pieces)", "    return float(np.mean(shares)), endings / len(pieces)")),
        ("notes of pieces without a key are left out of the total", _METRICS.replace(
            "        total += len(notes)\n        if key in TONIC and notes:\n",
            "        if key in TONIC and notes:\n            total += len(notes)\n")),
        ("tonic ending tested on the first note", _METRICS.replace("(notes[-1] - TONIC[key])", "(notes[0] - TONIC[key])")),
        ("tonic ending without the octave: only the exact tonic pitch counts", _METRICS.replace(
            "(notes[-1] - TONIC[key]) % 12 == 0", "notes[-1] == TONIC[key]")),
    ],
    "inference_step": [
        ("argmax instead of a draw", _STEP.replace(
            "idx = np.array([rng.choice(V, p=p[:, i]) for i in range(m)])", "idx = np.argmax(p, axis=0)")),
        ("temperature multiplies the logits", _STEP.replace(
            '(parameters["Wy"] @ a_next + parameters["by"]) / temperature',
            '(parameters["Wy"] @ a_next + parameters["by"]) * temperature')),
        ("one draw shared by every column", _STEP.replace(
            "idx = np.array([rng.choice(V, p=p[:, i]) for i in range(m)])",
            "idx = np.full(m, rng.choice(V, p=p[:, 0]))")),
        ("softmax over the wrong axis (the pieces)", _STEP.replace(
            "    p = np.exp(z - z.max(axis=0, keepdims=True))\n    p = p / p.sum(axis=0, keepdims=True)\n",
            "    p = np.exp(z - z.max(axis=1, keepdims=True))\n    p = p / p.sum(axis=1, keepdims=True)\n"
            "    p = p / p.sum(axis=0, keepdims=True)\n")),
        ("the input is fed back instead of the drawn token", _STEP.replace(
            "    return idx, x_next, a_next, c_next", "    return idx, xt, a_next, c_next")),
        ("old states returned", _STEP.replace("    return idx, x_next, a_next, c_next", "    return idx, x_next, a_prev, c_prev")),
    ],
}
