"""Plausible wrong answers for notebooks/c5_sequence_models/02_character_language_model.ipynb."""

_LOSS = '''
def sequence_loss(y_hat, Y):
    """Mean cross-entropy per character of a batch of names.

    y_hat: (V, m, T_x) predicted probabilities; y_hat[:, i, t] sums to 1.
    Y: (m, T_x) int indices of the true next characters; -1 marks padding after a name ends.
    Returns a float: minus the mean, over the real steps only, of log y_hat[Y[i, t], i, t].
    """
    ii, tt = np.nonzero(Y >= 0)
    return float(-np.mean(np.log(y_hat[Y[ii, tt], ii, tt])))
'''

_CLIP = '''
def clip(gradients, maxValue):
    """Clip every gradient, in place, to the interval [-maxValue, maxValue] (the course's clip).

    gradients: dict of arrays, e.g. {"dWax", "dWaa", "dWya", "dba", "dby"}.
    Returns the same dict; its arrays themselves are changed.
    """
    for g in gradients.values():
        np.clip(g, -maxValue, maxValue, out=g)
    return gradients
'''

_OPT = '''
def optimize(X, Y, a_prev, parameters, learning_rate=0.01, maxValue=5.0):
    """One training step of the character model on a batch of names.

    X: (V, m, T_x) one-hot inputs (x<1> = 0, x<t+1> = y<t>); Y: (m, T_x) target indices, -1 = padding;
    a_prev: (n_a, m) initial hidden state; parameters: dict Wax, Waa, Wya, ba, by (updated in place).
    Forward and backward with dl.lm_loss, clip the gradients with your clip, one gradient-descent step.
    Returns (loss, gradients, a_last): the loss per character before the step, the clipped
    gradients (keys "d" + parameter name) and the last hidden state (n_a, m).
    """
    loss, gradients, a_last = dl.lm_loss(parameters, X, Y, a0=a_prev)
    clip(gradients, maxValue)
    for key in parameters:
        parameters[key] -= learning_rate * gradients["d" + key]
    return loss, gradients, a_last
'''

_SAMPLE = '''
def sample(parameters, char_to_ix, rng, temperature=1.0, max_length=50):
    """Sample one name from the character RNN, one character at a time.

    parameters: dict with Wax (n_a, V), Waa (n_a, n_a), Wya (V, n_a), ba (n_a, 1), by (V, 1).
    char_to_ix: dict character -> index; "\\n" ends a name. rng: np.random.Generator.
    temperature: > 0; the softmax is taken of z / temperature.
    Returns the list of sampled indices: it ends with the index of "\\n", or stops at max_length.
    """
    Wax, Waa, Wya, ba, by = (parameters[k] for k in ("Wax", "Waa", "Wya", "ba", "by"))
    V, n_a = Wya.shape
    x, a_prev = np.zeros((V, 1)), np.zeros((n_a, 1))
    newline = char_to_ix["\\n"]
    indices = []
    while len(indices) < max_length:
        a = np.tanh(Wax @ x + Waa @ a_prev + ba)
        z = (Wya @ a + by) / temperature
        p = np.exp(z - z.max())
        p = p / p.sum()
        idx = int(rng.choice(V, p=p.ravel()))
        indices.append(idx)
        if idx == newline:
            break
        x = np.zeros((V, 1))
        x[idx] = 1.0
        a_prev = a
    return indices
'''

WRONG_ANSWERS = {
    "sequence_loss": [
        ("padding counted: -1 indexes the last character", _LOSS.replace(
            "    ii, tt = np.nonzero(Y >= 0)\n", "    ii, tt = np.nonzero(Y >= -1)\n")),
        ("summed over the characters instead of averaged", _LOSS.replace("-np.mean(", "-np.sum(")),
        ("mean log over every probability, not the true character's", _LOSS.replace(
            "np.log(y_hat[Y[ii, tt], ii, tt])", "np.log(y_hat[:, ii, tt])")),
        ("sign flipped", _LOSS.replace("float(-np.mean(", "float(np.mean(")),
    ],
    "clip": [
        ("clips the norm, not each value", _CLIP.replace(
            "        np.clip(g, -maxValue, maxValue, out=g)\n",
            "        norm = np.linalg.norm(g)\n        if norm > maxValue:\n            g *= maxValue / norm\n")),
        ("result of np.clip not stored: nothing changes", _CLIP.replace(
            "np.clip(g, -maxValue, maxValue, out=g)", "np.clip(g, -maxValue, maxValue)")),
        ("a new dict: the caller's arrays are not clipped", _CLIP.replace(
            "    for g in gradients.values():\n        np.clip(g, -maxValue, maxValue, out=g)\n    return gradients\n",
            "    return {k: np.clip(g, -maxValue, maxValue) for k, g in gradients.items()}\n")),
        ("only the weight matrices are clipped, not the biases", _CLIP.replace(
            "    for g in gradients.values():\n        np.clip(",
            "    for k, g in gradients.items():\n        if k.startswith('dW'):\n            np.clip(")),
        ("lower bound 0: negative gradients wiped out", _CLIP.replace("np.clip(g, -maxValue,", "np.clip(g, 0,")),
    ],
    "optimize": [
        ("gradient ascent: += instead of -=", _OPT.replace("parameters[key] -= learning_rate", "parameters[key] += learning_rate")),
        ("no clipping", _OPT.replace("    clip(gradients, maxValue)\n", "")),
        ("clipping after the update", _OPT.replace("    clip(gradients, maxValue)\n", "").replace(
            "    return loss, gradients, a_last", "    clip(gradients, maxValue)\n    return loss, gradients, a_last")),
        ("biases never updated", _OPT.replace("    for key in parameters:\n", "    for key in ('Wax', 'Waa', 'Wya'):\n")),
        ("updates a copy: the caller's parameters do not change", _OPT.replace(
            "    for key in parameters:\n        parameters[key] -= learning_rate * gradients[\"d\" + key]\n",
            "    parameters = {k: v - learning_rate * gradients['d' + k] for k, v in parameters.items()}\n")),
    ],
    "sample": [
        ("argmax instead of a draw", _SAMPLE.replace("idx = int(rng.choice(V, p=p.ravel()))", "idx = int(np.argmax(p))")),
        ("temperature applied after the softmax", _SAMPLE.replace(
            "        z = (Wya @ a + by) / temperature\n        p = np.exp(z - z.max())\n        p = p / p.sum()\n",
            "        z = Wya @ a + by\n        p = np.exp(z - z.max())\n        p = p / p.sum() / temperature\n")),
        ("temperature multiplies the logits", _SAMPLE.replace("z = (Wya @ a + by) / temperature", "z = (Wya @ a + by) * temperature")),
        ("x<t+1> never set to the drawn character", _SAMPLE.replace("        x[idx] = 1.0\n", "")),
        ("hidden state not carried to the next step", _SAMPLE.replace("        a_prev = a\n", "")),
    ],
}
