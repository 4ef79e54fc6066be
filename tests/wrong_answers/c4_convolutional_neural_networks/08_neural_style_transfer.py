"""Plausible wrong answers for notebooks/c4_convolutional_neural_networks/08_neural_style_transfer.ipynb.

Each entry replaces a whole solution cell; tests/test_exercises.py runs it through the check cells
that follow and requires an AssertionError (the checks must bite)."""

_C = '''def content_cost_ex(a_C, a_G):
    """Content cost of activations a_C, a_G, each (1, n_H, n_W, n_C) -> float."""
    _, n_H, n_W, n_C = a_G.shape
'''
_G = '''def gram_matrix_ex(A):
    """Gram matrix of A, shape (n_C, n_H*n_W) with one row per channel -> (n_C, n_C)."""
'''
_S = '''def layer_style_cost_ex(a_S, a_G):
    """Style cost of one layer: a_S, a_G (1, n_H, n_W, n_C) -> float (uses gram_matrix_ex)."""
    _, n_H, n_W, n_C = a_G.shape
'''
_GS = "    return float(np.sum((gram_matrix_ex(S) - gram_matrix_ex(G)) ** 2) / (4 * n_C ** 2 * (n_H * n_W) ** 2))\n"

WRONG_ANSWERS = {
    "content_cost_ex": [
        ("missing the 1/4 of the normalization", _C + "    return float(np.sum((a_C - a_G) ** 2) / (n_H * n_W * n_C))\n"),
        ("mean of squares without the 1/4", _C + "    return float(np.mean((a_C - a_G) ** 2))\n"),
        ("differences not squared", _C + "    return float(np.sum(np.abs(a_C - a_G)) / (4 * n_H * n_W * n_C))\n"),
    ],
    "gram_matrix_ex": [
        ("Gram over positions instead of channels", _G + "    return A.T @ A\n"),
        ("elementwise square instead of the matrix product", _G + "    return A * A\n"),
    ],
    "layer_style_cost_ex": [
        ("missing 1/(4 n_C^2 (n_H n_W)^2)", _S + "    S = a_S.reshape(n_H * n_W, n_C).T\n    G = a_G.reshape(n_H * n_W, n_C).T\n"
         "    return float(np.sum((gram_matrix_ex(S) - gram_matrix_ex(G)) ** 2))\n"),
        ("unrolled in the wrong order (channels scrambled with positions)", _S +
         "    S = a_S.reshape(n_C, n_H * n_W)\n    G = a_G.reshape(n_C, n_H * n_W)\n" + _GS),
        ("normalized by (n_H n_W) instead of its square", _S + "    S = a_S.reshape(n_H * n_W, n_C).T\n    G = a_G.reshape(n_H * n_W, n_C).T\n"
         "    return float(np.sum((gram_matrix_ex(S) - gram_matrix_ex(G)) ** 2) / (4 * n_C ** 2 * (n_H * n_W)))\n"),
        ("unrolled without the transpose: Gram matrices over positions, not channels", _S +
         "    S = a_S.reshape(n_H * n_W, n_C)\n    G = a_G.reshape(n_H * n_W, n_C)\n" + _GS),
    ],
}
