"""The input gradient of a convolution, ``dA_prev`` (a transposed convolution of ``dZ``).

``conv_backward`` calls :func:`input_gradient`; nothing here is public. Each output pixel
``Z[e, h, w, :]`` was ``sum_{i,j} A_pad[e, h*s + i, w*s + j, :] @ W[i, j]``, so the input gradient
sends ``dZ[e, h, w, :] @ W[i, j]^T`` back to every pixel of the window::

    dA_pad[e, h*s + i, w*s + j, :] += dZ[e, h, w, :] @ W[i, j]^T      for every filter offset (i, j)

Two vectorized ways to add those up (neither loops over examples or positions, neither uses
``np.add.at``):

* ``_shifted_adds`` (any stride): for each filter row ``i`` one product gives the
  contributions of its ``f`` offsets; each is added into a strided slice of ``dA_pad``. With
  few channels the sum is kept channels-first so every add runs along whole image rows.

* ``_flat_blocks`` (stride 1, few channels; what the first layers of a CNN have). It is the
  same sum written so that the matrix products carry most of the work. Put ``dZ`` into a
  zero grid as wide as ``dA_pad`` (``H_p x W_p``) and read both as flat lists of pixels,
  ``p = (e*H_p + y)*W_p + x``. A shift by ``(i, j)`` is then a shift of the flat index by
  ``i*W_p + j`` (the zero rows and columns of the grid absorb the wrap-around). Cut the flat
  ``dZ`` list into blocks of ``T`` pixels: block ``b`` is a row of ``T*n_C`` numbers that sit
  next to each other in memory, so all blocks are one matrix with no copy. Block ``b`` (shifted
  by ``i*W_p``) reaches the ``T + f - 1`` pixels ``T*b ... T*b + T + f - 2`` of ``dA_pad``
  through a block-Toeplitz matrix ``Toe_i`` (``T n_C x (T + f - 1) n_C_prev``, ``W[i, j]^T`` on
  its ``j``-th block diagonal). So ``f`` products ``blocks_i @ Toe_i`` and one overlap-add of
  neighbouring blocks (``f - 1`` pixels each) give all of ``dA_pad``. The Toeplitz matrix
  multiplies some zeros ((T + f - 1) / f times the minimal work) but its products are wide
  enough for BLAS to run near full speed, where ``f*f`` products ``n_C_prev`` columns wide
  (3 for RGB) do not; benchmarks/bench_conv.py measures it.
"""
import numpy as np

from .scratch import scratch

FLAT_BLOCKS_MAX = 128     # use _flat_blocks when stride is 1 and f * f * n_C_prev is at most this


def input_gradient(dZ2, W, A_shape, s, pads, dtype):
    """``dA_prev`` of shape ``A_shape`` from ``dZ2`` = ``dZ`` as a ``(m n_H n_W, n_C)`` matrix."""
    f_H, f_W, n_C_prev, _ = W.shape
    if s == 1 and f_H * f_W * n_C_prev <= FLAT_BLOCKS_MAX:
        return _flat_blocks(dZ2, W, A_shape, pads, dtype)
    return _shifted_adds(dZ2, W, A_shape, s, pads, dtype)


def _interior(dA_pad, A_shape, pads):
    (top, _), (left, _) = pads
    dA_prev = dA_pad[:, top:top + A_shape[1], left:left + A_shape[2], :]
    return dA_prev if dA_prev.shape == dA_pad.shape else np.ascontiguousarray(dA_prev)


def _flat_blocks(dZ2, W, A_shape, pads, dtype):
    m, n_H_prev, n_W_prev, n_C_prev = A_shape
    f_H, f_W, _, n_C = W.shape
    H_p, W_p = n_H_prev + sum(pads[0]), n_W_prev + sum(pads[1])
    n_H, n_W = H_p - f_H + 1, W_p - f_W + 1
    T = max(f_W - 1, 1)                       # pixels per block (>= f - 1: overlap only with the next)
    U = T + f_W - 1                           # pixels of dA_pad one block reaches
    P = m * H_p * W_p                         # pixels of the flat dA_pad
    R = -(-P // T)                            # blocks
    lead = (f_H - 1) * W_p                    # zeros in front, so the shift by i*W_p never goes below 0
    grid = scratch("dA.grid", (lead + R * T, n_C), dtype, zero=True)
    grid[lead:lead + P].reshape(m, H_p, W_p, n_C)[:, :n_H, :n_W] = dZ2.reshape(m, n_H, n_W, n_C)
    flat = grid.reshape(-1)
    toe = np.zeros((f_H, T, n_C, U, n_C_prev), dtype=dtype)     # toe[i, t, :, t + j, :] = W[i, j]^T
    for t in range(T):
        toe[:, t, :, t:t + f_W, :] = W.transpose(0, 3, 1, 2)
    toe = toe.reshape(f_H, T * n_C, U * n_C_prev)
    out = scratch("dA.out", (R, U * n_C_prev), dtype)
    tmp = scratch("dA.tmp", (R, U * n_C_prev), dtype) if f_H > 1 else None
    for i in range(f_H):                      # filter row i: dZ pixel p meets dA_pad pixel p + i*W_p + j
        start = (lead - i * W_p) * n_C
        blocks = flat[start:start + R * T * n_C].reshape(R, T * n_C)
        if i == 0:
            np.matmul(blocks, toe[i], out=out)
        else:
            out += np.matmul(blocks, toe[i], out=tmp)
    out = out.reshape(R, U, n_C_prev)
    dA = scratch("dA.blocks", (R, T, n_C_prev), dtype)
    dA[...] = out[:, :T]
    dA[1:, :f_W - 1] += out[:-1, T:]          # overlap-add: block b's tail lands on block b + 1
    dA_pad = dA.reshape(-1, n_C_prev)[:P].reshape(m, H_p, W_p, n_C_prev)
    return _interior(dA_pad, A_shape, pads)


def _shifted_adds(dZ2, W, A_shape, s, pads, dtype):
    m, n_H_prev, n_W_prev, n_C_prev = A_shape
    f_H, f_W, _, n_C = W.shape
    pad_shape = (m, n_H_prev + sum(pads[0]), n_W_prev + sum(pads[1]), n_C_prev)
    n_H, n_W = (pad_shape[1] - f_H) // s + 1, (pad_shape[2] - f_W) // s + 1


    def rows_at(i):                          # the padded rows that filter row i meets
        return slice(i, i + s * (n_H - 1) + 1, s)

    def cols_at(j):
        return slice(j, j + s * (n_W - 1) + 1, s)

    if f_H * f_W * n_C_prev <= FLAT_BLOCKS_MAX:
        # few channels: one product per filter row, accumulated channels-first
        # (n_C_prev, m, H_p, W_p) so each add runs along whole image rows
        dA_T = np.zeros((n_C_prev,) + pad_shape[:3], dtype=dtype)
        part = np.empty((f_W * n_C_prev, dZ2.shape[0]), dtype=dtype)
        rows = part.reshape(f_W, n_C_prev, m, n_H, n_W)
        for i in range(f_H):
            np.matmul(W[i].reshape(f_W * n_C_prev, n_C), dZ2.T, out=part)
            for j in range(f_W):
                dA_T[:, :, rows_at(i), cols_at(j)] += rows[j]
        (top, _), (left, _) = pads
        dA_prev = np.empty(A_shape, dtype=dtype)
        for c in range(n_C_prev):            # back to channels last
            dA_prev[..., c] = dA_T[c, :, top:top + n_H_prev, left:left + n_W_prev]
        return dA_prev
    dA_pad = np.zeros(pad_shape, dtype=dtype)
    WT = np.ascontiguousarray(W.transpose(0, 1, 3, 2))
    tmp = np.empty((dZ2.shape[0], n_C_prev), dtype=dtype)
    for i in range(f_H):
        for j in range(f_W):
            np.matmul(dZ2, WT[i, j], out=tmp)
            dA_pad[:, rows_at(i), cols_at(j), :] += tmp.reshape(m, n_H, n_W, n_C_prev)
    return _interior(dA_pad, A_shape, pads)
