"""Plausible wrong answers for notebooks/c4_convolutional_neural_networks/06_semantic_segmentation.ipynb.

Each entry replaces a whole solution cell; tests/test_exercises.py runs it through the check cells
that follow and requires an AssertionError (the checks must bite)."""

_T = '''
def conv_transpose_by_hand(A_prev, W, b, stride, pad):
    """Transposed convolution of A_prev (m, n_H_prev, n_W_prev, n_C_prev) with W (f, f, n_C_prev, n_C)
    and b (1, 1, 1, n_C). Returns Z of shape (m, (n_H_prev - 1) stride + f - 2 pad, (n_W_prev - 1) stride + f - 2 pad, n_C)."""
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, n_C = W.shape[0], W.shape[3]
    full = np.zeros((m, (n_H_prev - 1) * stride + f, (n_W_prev - 1) * stride + f, n_C))
    for e in range(m):
        for i in range(n_H_prev):
            for j in range(n_W_prev):
                patch = PATCH
                PAINT
    H, Wd = full.shape[1], full.shape[2]
    return RETURN
'''

RIGHT = dict(PATCH="np.tensordot(A_prev[e, i, j, :], W, axes=([0], [2]))",
             PAINT="full[e, i * stride:i * stride + f, j * stride:j * stride + f, :] += patch",
             RETURN="full[:, pad:H - pad, pad:Wd - pad, :] + b")


def _t(**change):
    src = _T
    for k, v in {**RIGHT, **change}.items():
        src = src.replace(k, v)
    return src


WRONG_ANSWERS = {
    "conv_transpose_by_hand": [
        ("= instead of +=: overlapping patches overwrite each other",
         _t(PAINT="full[e, i * stride:i * stride + f, j * stride:j * stride + f, :] = patch")),
        ("stride applied to the input: patches land at (i, j) and the output's far border stays empty",
         _t(PAINT="full[e, i:i + f, j:j + f, :] += patch")),
        ("only the first input channel is used (no sum over n_C_prev)",
         _t(PATCH="A_prev[e, i, j, 0] * W[:, :, 0, :]")),
        ("the filter flipped (that is a convolution's gradient with W rotated, not this one)",
         _t(PATCH="np.tensordot(A_prev[e, i, j, :], W[::-1, ::-1], axes=([0], [2]))")),
        ("border cropped on one side only", _t(RETURN="full[:, 2 * pad:, 2 * pad:, :] + b")),
        ("bias forgotten", _t(RETURN="full[:, pad:H - pad, pad:Wd - pad, :]")),
    ],
}
