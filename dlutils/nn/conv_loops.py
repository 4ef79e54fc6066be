"""The convolution written the way the lecture explains it: explicit loops over examples, output
rows, columns and filters. Slow, and the teaching reference that ``conv_forward`` / ``conv_backward``
(conv.py, vectorized) are tested against. Same layouts and cache as conv.py: ``A_prev`` is
``(m, n_H_prev, n_W_prev, n_C_prev)``, ``W`` ``(f, f, n_C_prev, n_C)``, ``b`` ``(1, 1, 1, n_C)``.
Taught in: c4/01_convolution_step_by_step.
"""
import numpy as np

from .conv import ConvCache, conv_single_step, zero_pad, _check_conv, _check_dZ, _hp, _unpack

__all__ = ["conv_forward_loop", "conv_backward_loop"]


# -- the loop reference (the lecture's way) -------------------------------------------------------
def conv_forward_loop(A_prev, W, b, hparameters):
    """Convolution with explicit loops over examples, output rows, columns and filters.

    Slow (about a million Python steps for a small batch) but it reads like the lecture:
    for every output position, cut the window out of the padded input and apply
    ``conv_single_step`` with each filter. Returns ``(Z, ConvCache)`` like ``conv_forward``.
    """
    A_prev, W, b, s, pads, (n_H, n_W) = _check_conv("conv_forward_loop", A_prev, W, b, hparameters)
    m = A_prev.shape[0]
    f_H, f_W, _, n_C = W.shape
    A_prev_pad = zero_pad(A_prev, pads)
    Z = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):                            # each example
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):                      # each output row
            vert_start = h * s
            vert_end = vert_start + f_H
            for w in range(n_W):                  # each output column
                horiz_start = w * s
                horiz_end = horiz_start + f_W
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):              # each filter
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    return Z, ConvCache(A_prev, W, b, _hp(hparameters, pads))


def conv_backward_loop(dZ, cache):
    """Backward pass of ``conv_forward_loop`` with the same loops: ``(dA_prev, dW, db)``.

    Each output ``Z[i, h, w, c]`` used window ``a_slice`` and filter ``W[..., c]``, so it sends
    ``W[..., c] * dZ[i, h, w, c]`` back to that window of ``dA_prev_pad`` (ADDED: windows
    overlap), ``a_slice * dZ[i, h, w, c]`` to ``dW[..., c]`` and ``dZ[i, h, w, c]`` to ``db[..., c]``.
    """
    A_prev, W, b, hp = _unpack("conv_backward_loop", cache)
    s, pads = hp["stride"], hp["padding"]
    dZ = _check_dZ("conv_backward_loop", dZ, A_prev, W, s, pads)
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    f_H, f_W, _, n_C = W.shape
    _, n_H, n_W, _ = dZ.shape
    A_prev_pad = zero_pad(A_prev, pads)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            for w in range(n_W):
                vert_start, horiz_start = h * s, w * s
                vert_end, horiz_end = vert_start + f_H, horiz_start + f_W
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    (top, _), (left, _) = pads
    dA_prev = dA_prev_pad[:, top:top + n_H_prev, left:left + n_W_prev, :].copy()
    return dA_prev, dW, db
