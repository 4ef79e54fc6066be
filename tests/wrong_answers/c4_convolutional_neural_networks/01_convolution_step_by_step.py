"""Plausible wrong answers for notebooks/c4_convolutional_neural_networks/01_convolution_step_by_step.ipynb.

Each entry replaces a whole solution cell; tests/test_exercises.py runs it through the check cells
that follow and requires an AssertionError (the checks must bite)."""

WRONG_ANSWERS = {
    'zero_pad': [
        ('pads all four axes (examples and channels too)', '''
def zero_pad(X, pad):
    """Surround every image of X with `pad` rows and columns of zeros.

    X: (m, n_H, n_W, n_C); pad: int. Returns (m, n_H + 2 pad, n_W + 2 pad, n_C):
    only the height and width axes grow, the example and channel axes do not.
    """
    X_pad = np.pad(X, ((pad, pad), (pad, pad), (pad, pad), (pad, pad)), mode="constant", constant_values=0)
    return X_pad
'''),
        ('pads only one side of each axis', '''
def zero_pad(X, pad):
    """Surround every image of X with `pad` rows and columns of zeros.

    X: (m, n_H, n_W, n_C); pad: int. Returns (m, n_H + 2 pad, n_W + 2 pad, n_C):
    only the height and width axes grow, the example and channel axes do not.
    """
    X_pad = np.pad(X, ((0, 0), (0, pad), (0, pad), (0, 0)), mode="constant", constant_values=0)
    return X_pad
'''),
        ('pads the example and height axes instead of height and width', '''
def zero_pad(X, pad):
    """Surround every image of X with `pad` rows and columns of zeros.

    X: (m, n_H, n_W, n_C); pad: int. Returns (m, n_H + 2 pad, n_W + 2 pad, n_C):
    only the height and width axes grow, the example and channel axes do not.
    """
    X_pad = np.pad(X, ((pad, pad), (pad, pad), (0, 0), (0, 0)), mode="constant", constant_values=0)
    return X_pad
'''),
        ('pads with ones', '''
def zero_pad(X, pad):
    """Surround every image of X with `pad` rows and columns of zeros.

    X: (m, n_H, n_W, n_C); pad: int. Returns (m, n_H + 2 pad, n_W + 2 pad, n_C):
    only the height and width axes grow, the example and channel axes do not.
    """
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=1)
    return X_pad
'''),
    ],
    'conv_single_step': [
        ('bias forgotten', '''
def conv_single_step(a_slice_prev, W, b):
    """Apply ONE filter to ONE window: multiply elementwise, add everything up, add the bias.

    a_slice_prev, W: (f, f, n_C_prev); b: (1, 1, 1). Returns a Python float.
    """
    s = a_slice_prev * W
    Z = np.sum(s)
    return float(Z)
'''),
        ('filter flipped (true convolution instead of cross-correlation)', '''
def conv_single_step(a_slice_prev, W, b):
    """Apply ONE filter to ONE window: multiply elementwise, add everything up, add the bias.

    a_slice_prev, W: (f, f, n_C_prev); b: (1, 1, 1). Returns a Python float.
    """
    s = a_slice_prev * W[::-1, ::-1, :]
    Z = np.sum(s)
    Z = Z + b.item()
    return float(Z)
'''),
        ('mean instead of sum', '''
def conv_single_step(a_slice_prev, W, b):
    """Apply ONE filter to ONE window: multiply elementwise, add everything up, add the bias.

    a_slice_prev, W: (f, f, n_C_prev); b: (1, 1, 1). Returns a Python float.
    """
    s = a_slice_prev * W
    Z = np.mean(s)
    Z = Z + b.item()
    return float(Z)
'''),
    ],
    'conv_forward': [
        ('stride ignored when cutting the window', '''
def conv_forward(A_prev, W, b, hparameters):
    """Convolution with loops, as in the lecture.

    A_prev: (m, n_H_prev, n_W_prev, n_C_prev); W: (f, f, n_C_prev, n_C); b: (1, 1, 1, n_C);
    hparameters: {"stride": s, "pad": p} with an int p.
    Returns (Z, cache): Z is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev + 2p - f) / s) + 1
    (same rule for n_W), and cache = (A_prev, W, b, hparameters) for the backward pass.
    """
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''),
        ('bias forgotten', '''
def conv_forward(A_prev, W, b, hparameters):
    """Convolution with loops, as in the lecture.

    A_prev: (m, n_H_prev, n_W_prev, n_C_prev); W: (f, f, n_C_prev, n_C); b: (1, 1, 1, n_C);
    hparameters: {"stride": s, "pad": p} with an int p.
    Returns (Z, cache): Z is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev + 2p - f) / s) + 1
    (same rule for n_W), and cache = (A_prev, W, b, hparameters) for the backward pass.
    """
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], np.zeros((1, 1, 1)))
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''),
        ('filter flipped (true convolution)', '''
def conv_forward(A_prev, W, b, hparameters):
    """Convolution with loops, as in the lecture.

    A_prev: (m, n_H_prev, n_W_prev, n_C_prev); W: (f, f, n_C_prev, n_C); b: (1, 1, 1, n_C);
    hparameters: {"stride": s, "pad": p} with an int p.
    Returns (Z, cache): Z is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev + 2p - f) / s) + 1
    (same rule for n_W), and cache = (A_prev, W, b, hparameters) for the backward pass.
    """
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[::-1, ::-1, :, c], b[:, :, :, c])
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''),
        ('output size off by one (the + 1 forgotten)', '''
def conv_forward(A_prev, W, b, hparameters):
    """Convolution with loops, as in the lecture.

    A_prev: (m, n_H_prev, n_W_prev, n_C_prev); W: (f, f, n_C_prev, n_C); b: (1, 1, 1, n_C);
    hparameters: {"stride": s, "pad": p} with an int p.
    Returns (Z, cache): Z is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev + 2p - f) / s) + 1
    (same rule for n_W), and cache = (A_prev, W, b, hparameters) for the backward pass.
    """
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride
    n_W = (n_W_prev + 2 * pad - f) // stride
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''),
        ('all the zeros added after the image (bottom and right) instead of around it', '''
def conv_forward(A_prev, W, b, hparameters):
    """Convolution with loops, as in the lecture.

    A_prev: (m, n_H_prev, n_W_prev, n_C_prev); W: (f, f, n_C_prev, n_C); b: (1, 1, 1, n_C);
    hparameters: {"stride": s, "pad": p} with an int p.
    Returns (Z, cache): Z is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev + 2p - f) / s) + 1
    (same rule for n_W), and cache = (A_prev, W, b, hparameters) for the backward pass.
    """
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = np.pad(A_prev, ((0, 0), (0, 2 * pad), (0, 2 * pad), (0, 0)))
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    cache = (A_prev, W, b, hparameters)
    return Z, cache
'''),
    ],
    'pool_forward': [
        ('average pooling without dividing (a sum)', '''
def pool_forward(A_prev, hparameters, mode="max"):
    """Max or average pooling with loops; every channel is pooled on its own.

    A_prev: (m, n_H_prev, n_W_prev, n_C); hparameters: {"f": f, "stride": s}; mode "max" or "average".
    Returns (A, cache): A is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev - f) / s) + 1,
    cache = (A_prev, hparameters).
    """
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    else:
                        A[i, h, w, c] = np.sum(a_prev_slice)
    cache = (A_prev, hparameters)
    return A, cache
'''),
        ('stride ignored', '''
def pool_forward(A_prev, hparameters, mode="max"):
    """Max or average pooling with loops; every channel is pooled on its own.

    A_prev: (m, n_H_prev, n_W_prev, n_C); hparameters: {"f": f, "stride": s}; mode "max" or "average".
    Returns (A, cache): A is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev - f) / s) + 1,
    cache = (A_prev, hparameters).
    """
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    else:
                        A[i, h, w, c] = np.mean(a_prev_slice)
    cache = (A_prev, hparameters)
    return A, cache
'''),
        ('mode ignored: always max', '''
def pool_forward(A_prev, hparameters, mode="max"):
    """Max or average pooling with loops; every channel is pooled on its own.

    A_prev: (m, n_H_prev, n_W_prev, n_C); hparameters: {"f": f, "stride": s}; mode "max" or "average".
    Returns (A, cache): A is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev - f) / s) + 1,
    cache = (A_prev, hparameters).
    """
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if True:
                        A[i, h, w, c] = np.max(a_prev_slice)
                    else:
                        A[i, h, w, c] = np.mean(a_prev_slice)
    cache = (A_prev, hparameters)
    return A, cache
'''),
        ('pooling across channels (max over the whole window volume)', '''
def pool_forward(A_prev, hparameters, mode="max"):
    """Max or average pooling with loops; every channel is pooled on its own.

    A_prev: (m, n_H_prev, n_W_prev, n_C); hparameters: {"f": f, "stride": s}; mode "max" or "average".
    Returns (A, cache): A is (m, n_H, n_W, n_C) with n_H = floor((n_H_prev - f) / s) + 1,
    cache = (A_prev, hparameters).
    """
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, :]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    else:
                        A[i, h, w, c] = np.mean(a_prev_slice)
    cache = (A_prev, hparameters)
    return A, cache
'''),
    ],
    'conv_backward': [
        ('= instead of += for dA_prev (overlapping windows overwrite each other)', '''
def conv_backward(dZ, cache):
    """Backward pass of conv_forward, with the same loops.

    dZ: (m, n_H, n_W, n_C), the gradient of the cost with respect to Z; cache from conv_forward.
    Returns (dA_prev, dW, db) shaped like A_prev (m, n_H_prev, n_W_prev, n_C_prev),
    W (f, f, n_C_prev, n_C) and b (1, 1, 1, n_C).
    """
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] = W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    return dA_prev, dW, db
'''),
        ('= instead of += for dW (only the last window counts)', '''
def conv_backward(dZ, cache):
    """Backward pass of conv_forward, with the same loops.

    dZ: (m, n_H, n_W, n_C), the gradient of the cost with respect to Z; cache from conv_forward.
    Returns (dA_prev, dW, db) shaped like A_prev (m, n_H_prev, n_W_prev, n_C_prev),
    W (f, f, n_C_prev, n_C) and b (1, 1, 1, n_C).
    """
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] = a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    return dA_prev, dW, db
'''),
        ('db not summed over positions and examples', '''
def conv_backward(dZ, cache):
    """Backward pass of conv_forward, with the same loops.

    dZ: (m, n_H, n_W, n_C), the gradient of the cost with respect to Z; cache from conv_forward.
    Returns (dA_prev, dW, db) shaped like A_prev (m, n_H_prev, n_W_prev, n_C_prev),
    W (f, f, n_C_prev, n_C) and b (1, 1, 1, n_C).
    """
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] = dZ[i, h, w, c]
        dA_prev[i] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    return dA_prev, dW, db
'''),
        ('padding cut from the wrong place (top-left instead of the border)', '''
def conv_backward(dZ, cache):
    """Backward pass of conv_forward, with the same loops.

    dZ: (m, n_H, n_W, n_C), the gradient of the cost with respect to Z; cache from conv_forward.
    Returns (dA_prev, dW, db) shaped like A_prev (m, n_H_prev, n_W_prev, n_C_prev),
    W (f, f, n_C_prev, n_C) and b (1, 1, 1, n_C).
    """
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i] = da_prev_pad[:n_H_prev, :n_W_prev, :]
    return dA_prev, dW, db
'''),
        ('filter flipped in backward', '''
def conv_backward(dZ, cache):
    """Backward pass of conv_forward, with the same loops.

    dZ: (m, n_H, n_W, n_C), the gradient of the cost with respect to Z; cache from conv_forward.
    Returns (dA_prev, dW, db) shaped like A_prev (m, n_H_prev, n_W_prev, n_C_prev),
    W (f, f, n_C_prev, n_C) and b (1, 1, 1, n_C).
    """
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                for c in range(n_C):
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[::-1, ::-1, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    return dA_prev, dW, db
'''),
    ],
    'create_mask_from_window': [
        ('mask on every tied maximum (x == max)', '''
def create_mask_from_window(x):
    """Boolean mask of the window x (f, f): True at ONE maximum only, the first in row-major order.

    (x == max marks every tied maximum; after a ReLU whole windows of zeros tie.)
    """
    mask = x == np.max(x)
    return mask


def distribute_value(dz, shape):
    """Spread the number dz evenly over a window of shape (n_H, n_W): every cell gets an equal share."""
    n_H, n_W = shape
    average = dz / (n_H * n_W)
    return np.ones(shape) * average
'''),
        ('mask at the minimum', '''
def create_mask_from_window(x):
    """Boolean mask of the window x (f, f): True at ONE maximum only, the first in row-major order.

    (x == max marks every tied maximum; after a ReLU whole windows of zeros tie.)
    """
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmin(x), x.shape)] = True
    return mask


def distribute_value(dz, shape):
    """Spread the number dz evenly over a window of shape (n_H, n_W): every cell gets an equal share."""
    n_H, n_W = shape
    average = dz / (n_H * n_W)
    return np.ones(shape) * average
'''),
        ('distribute_value without dividing', '''
def create_mask_from_window(x):
    """Boolean mask of the window x (f, f): True at ONE maximum only, the first in row-major order.

    (x == max marks every tied maximum; after a ReLU whole windows of zeros tie.)
    """
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    return mask


def distribute_value(dz, shape):
    """Spread the number dz evenly over a window of shape (n_H, n_W): every cell gets an equal share."""
    n_H, n_W = shape
    average = dz
    return np.ones(shape) * average
'''),
        ('distribute_value divides by n_H + n_W', '''
def create_mask_from_window(x):
    """Boolean mask of the window x (f, f): True at ONE maximum only, the first in row-major order.

    (x == max marks every tied maximum; after a ReLU whole windows of zeros tie.)
    """
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    return mask


def distribute_value(dz, shape):
    """Spread the number dz evenly over a window of shape (n_H, n_W): every cell gets an equal share."""
    n_H, n_W = shape
    average = dz / (n_H + n_W)
    return np.ones(shape) * average
'''),
    ],
    'pool_backward': [
        ('max gradient to every tied maximum', '''
def pool_backward(dA, cache, mode="max"):
    """Backward pass of pool_forward, with the same loops.

    dA: (m, n_H, n_W, n_C), the gradient with respect to the pooled output; cache = (A_prev, hparameters).
    Returns dA_prev (m, n_H_prev, n_W_prev, n_C). Max: each window's gradient goes to its ONE maximum;
    average: it is shared equally by the f * f inputs. Overlapping windows add up.
    """
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = a_prev_slice == np.max(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]
                    else:
                        da = dA[i, h, w, c]
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += distribute_value(da, (f, f))
    return dA_prev
'''),
        ('average pooling without dividing', '''
def pool_backward(dA, cache, mode="max"):
    """Backward pass of pool_forward, with the same loops.

    dA: (m, n_H, n_W, n_C), the gradient with respect to the pooled output; cache = (A_prev, hparameters).
    Returns dA_prev (m, n_H_prev, n_W_prev, n_C). Max: each window's gradient goes to its ONE maximum;
    average: it is shared equally by the f * f inputs. Overlapping windows add up.
    """
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]
                    else:
                        da = dA[i, h, w, c]
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += da * np.ones((f, f))
    return dA_prev
'''),
        ('= instead of += (overlapping windows overwrite each other)', '''
def pool_backward(dA, cache, mode="max"):
    """Backward pass of pool_forward, with the same loops.

    dA: (m, n_H, n_W, n_C), the gradient with respect to the pooled output; cache = (A_prev, hparameters).
    Returns dA_prev (m, n_H_prev, n_W_prev, n_C). Max: each window's gradient goes to its ONE maximum;
    average: it is shared equally by the f * f inputs. Overlapping windows add up.
    """
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] = mask * dA[i, h, w, c]
                    else:
                        da = dA[i, h, w, c]
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] = distribute_value(da, (f, f))
    return dA_prev
'''),
        ('stride ignored', '''
def pool_backward(dA, cache, mode="max"):
    """Backward pass of pool_forward, with the same loops.

    dA: (m, n_H, n_W, n_C), the gradient with respect to the pooled output; cache = (A_prev, hparameters).
    Returns dA_prev (m, n_H_prev, n_W_prev, n_C). Max: each window's gradient goes to its ONE maximum;
    average: it is shared equally by the f * f inputs. Overlapping windows add up.
    """
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            vert_start = h
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w
                horiz_end = horiz_start + f
                for c in range(n_C):
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]
                    else:
                        da = dA[i, h, w, c]
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += distribute_value(da, (f, f))
    return dA_prev
'''),
    ],
}
