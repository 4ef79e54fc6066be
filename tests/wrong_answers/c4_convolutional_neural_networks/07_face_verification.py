"""Plausible wrong answers for notebooks/c4_convolutional_neural_networks/07_face_verification.ipynb.

Each entry replaces a whole solution cell; tests/test_exercises.py runs it through the check cells
that follow and requires an AssertionError (the checks must bite)."""

_HEAD = '''def triplet_loss_ex(A, P, N, alpha=0.2):
    """Triplet loss of embeddings A, P, N, each (n_e, m), one triplet per column.

    Returns (J, (dA, dP, dN)): J a float, the SUM over the m triplets of
    max(squared distance A-P minus squared distance A-N plus alpha, 0); the gradients have A's shape.
    """
'''
_GRADS = '''    active = (margin > 0).astype(float)
    dA = 2 * active * (N - P)
    dP = -2 * active * (A - P)
    dN = 2 * active * (A - N)
    return J, (dA, dP, dN)
'''
_POS = "    pos = np.sum((A - P) ** 2, axis=0)\n    neg = np.sum((A - N) ** 2, axis=0)\n"

WRONG_ANSWERS = {
    "triplet_loss_ex": [
        ("max(., 0) missing", _HEAD + _POS + "    margin = pos - neg + alpha\n    J = float(np.sum(margin))\n" + _GRADS),
        ("alpha subtracted instead of added", _HEAD + _POS + "    margin = pos - neg - alpha\n"
         "    J = float(np.sum(np.maximum(margin, 0)))\n" + _GRADS),
        ("distances not squared", _HEAD + "    pos = np.sqrt(np.sum((A - P) ** 2, axis=0))\n"
         "    neg = np.sqrt(np.sum((A - N) ** 2, axis=0))\n    margin = pos - neg + alpha\n"
         "    J = float(np.sum(np.maximum(margin, 0)))\n" + _GRADS),
        ("mean over triplets instead of the sum", _HEAD + _POS + "    margin = pos - neg + alpha\n"
         "    J = float(np.mean(np.maximum(margin, 0)))\n" + _GRADS),
        ("gradient of every triplet, active or not", _HEAD + _POS + "    margin = pos - neg + alpha\n"
         "    J = float(np.sum(np.maximum(margin, 0)))\n    dA = 2 * (N - P)\n    dP = -2 * (A - P)\n"
         "    dN = 2 * (A - N)\n    return J, (dA, dP, dN)\n"),
    ],
}
