"""Plausible wrong answers for notebooks/c4_convolutional_neural_networks/03_classic_networks_and_resnets.ipynb.

Each entry replaces a whole solution cell; tests/test_exercises.py runs it through the check cells
that follow and requires an AssertionError (the checks must bite)."""

WRONG_ANSWERS = {
    'identity_block_forward': [
        ('ReLU applied before the shortcut is added: g(z) + a[l]', '''
def identity_block_forward(X, W1, b1, W2, b2):
    """Forward pass of a two-layer identity block (stride 1, "same" padding everywhere).

    X: (m, n_H, n_W, n_C); W1, W2: (3, 3, n_C, n_C); b1, b2: (1, 1, 1, n_C).
    Main path: CONV(W1, b1) -> ReLU -> CONV(W2, b2); the shortcut carries X itself;
    returns a[l+2] = ReLU(z[l+2] + X), of the same shape as X.
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": 1, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(A1, W2, b2, {"stride": 1, "pad": "same"})
    A2 = np.maximum(Z2, 0) + X
    return A2
'''),
        ('shortcut dropped: a plain two-layer block', '''
def identity_block_forward(X, W1, b1, W2, b2):
    """Forward pass of a two-layer identity block (stride 1, "same" padding everywhere).

    X: (m, n_H, n_W, n_C); W1, W2: (3, 3, n_C, n_C); b1, b2: (1, 1, 1, n_C).
    Main path: CONV(W1, b1) -> ReLU -> CONV(W2, b2); the shortcut carries X itself;
    returns a[l+2] = ReLU(z[l+2] + X), of the same shape as X.
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": 1, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(A1, W2, b2, {"stride": 1, "pad": "same"})
    A2 = np.maximum(Z2, 0)
    return A2
'''),
        ("adds the first layer's activation A1 instead of the block's input X", '''
def identity_block_forward(X, W1, b1, W2, b2):
    """Forward pass of a two-layer identity block (stride 1, "same" padding everywhere).

    X: (m, n_H, n_W, n_C); W1, W2: (3, 3, n_C, n_C); b1, b2: (1, 1, 1, n_C).
    Main path: CONV(W1, b1) -> ReLU -> CONV(W2, b2); the shortcut carries X itself;
    returns a[l+2] = ReLU(z[l+2] + X), of the same shape as X.
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": 1, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(A1, W2, b2, {"stride": 1, "pad": "same"})
    A2 = np.maximum(Z2 + A1, 0)
    return A2
'''),
        ('no ReLU after the addition', '''
def identity_block_forward(X, W1, b1, W2, b2):
    """Forward pass of a two-layer identity block (stride 1, "same" padding everywhere).

    X: (m, n_H, n_W, n_C); W1, W2: (3, 3, n_C, n_C); b1, b2: (1, 1, 1, n_C).
    Main path: CONV(W1, b1) -> ReLU -> CONV(W2, b2); the shortcut carries X itself;
    returns a[l+2] = ReLU(z[l+2] + X), of the same shape as X.
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": 1, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(A1, W2, b2, {"stride": 1, "pad": "same"})
    A2 = Z2 + X
    return A2
'''),
        ('second conv applied to Z1 (the ReLU between the convs skipped)', '''
def identity_block_forward(X, W1, b1, W2, b2):
    """Forward pass of a two-layer identity block (stride 1, "same" padding everywhere).

    X: (m, n_H, n_W, n_C); W1, W2: (3, 3, n_C, n_C); b1, b2: (1, 1, 1, n_C).
    Main path: CONV(W1, b1) -> ReLU -> CONV(W2, b2); the shortcut carries X itself;
    returns a[l+2] = ReLU(z[l+2] + X), of the same shape as X.
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": 1, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(Z1, W2, b2, {"stride": 1, "pad": "same"})
    A2 = np.maximum(Z2 + X, 0)
    return A2
'''),
    ],
    'convolutional_block_forward': [
        ('projection missing: X added directly', '''
def convolutional_block_forward(X, W1, b1, W2, b2, Ws, bs, stride):
    """Forward pass of a two-layer convolutional block with a 1x1 projection shortcut.

    X: (m, n_H, n_W, n_C_prev); W1: (3, 3, n_C_prev, n_C), W2: (3, 3, n_C, n_C), Ws: (1, 1, n_C_prev, n_C);
    b1, b2, bs: (1, 1, 1, n_C); stride: the step of the first conv and of the shortcut.
    Main path: CONV(W1, b1, stride, "same") -> ReLU -> CONV(W2, b2, stride 1, "same");
    shortcut: CONV(Ws, bs, stride, no padding) of X. Returns ReLU(main + shortcut),
    of shape (m, ceil(n_H / stride), ceil(n_W / stride), n_C).
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": stride, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(A1, W2, b2, {"stride": 1, "pad": "same"})
    S, _ = dl.conv_forward(X, Ws, bs, {"stride": stride, "pad": 0})
    return np.maximum(Z2 + X, 0)
'''),
        ('shortcut stride ignored', '''
def convolutional_block_forward(X, W1, b1, W2, b2, Ws, bs, stride):
    """Forward pass of a two-layer convolutional block with a 1x1 projection shortcut.

    X: (m, n_H, n_W, n_C_prev); W1: (3, 3, n_C_prev, n_C), W2: (3, 3, n_C, n_C), Ws: (1, 1, n_C_prev, n_C);
    b1, b2, bs: (1, 1, 1, n_C); stride: the step of the first conv and of the shortcut.
    Main path: CONV(W1, b1, stride, "same") -> ReLU -> CONV(W2, b2, stride 1, "same");
    shortcut: CONV(Ws, bs, stride, no padding) of X. Returns ReLU(main + shortcut),
    of shape (m, ceil(n_H / stride), ceil(n_W / stride), n_C).
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": stride, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(A1, W2, b2, {"stride": 1, "pad": "same"})
    S, _ = dl.conv_forward(X, Ws, bs, {"stride": 1, "pad": 0})
    return np.maximum(Z2 + S, 0)
'''),
        ('ReLU before the addition', '''
def convolutional_block_forward(X, W1, b1, W2, b2, Ws, bs, stride):
    """Forward pass of a two-layer convolutional block with a 1x1 projection shortcut.

    X: (m, n_H, n_W, n_C_prev); W1: (3, 3, n_C_prev, n_C), W2: (3, 3, n_C, n_C), Ws: (1, 1, n_C_prev, n_C);
    b1, b2, bs: (1, 1, 1, n_C); stride: the step of the first conv and of the shortcut.
    Main path: CONV(W1, b1, stride, "same") -> ReLU -> CONV(W2, b2, stride 1, "same");
    shortcut: CONV(Ws, bs, stride, no padding) of X. Returns ReLU(main + shortcut),
    of shape (m, ceil(n_H / stride), ceil(n_W / stride), n_C).
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": stride, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(A1, W2, b2, {"stride": 1, "pad": "same"})
    S, _ = dl.conv_forward(X, Ws, bs, {"stride": stride, "pad": 0})
    return np.maximum(Z2, 0) + S
'''),
        ('stride on the second conv instead of the first', '''
def convolutional_block_forward(X, W1, b1, W2, b2, Ws, bs, stride):
    """Forward pass of a two-layer convolutional block with a 1x1 projection shortcut.

    X: (m, n_H, n_W, n_C_prev); W1: (3, 3, n_C_prev, n_C), W2: (3, 3, n_C, n_C), Ws: (1, 1, n_C_prev, n_C);
    b1, b2, bs: (1, 1, 1, n_C); stride: the step of the first conv and of the shortcut.
    Main path: CONV(W1, b1, stride, "same") -> ReLU -> CONV(W2, b2, stride 1, "same");
    shortcut: CONV(Ws, bs, stride, no padding) of X. Returns ReLU(main + shortcut),
    of shape (m, ceil(n_H / stride), ceil(n_W / stride), n_C).
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": 1, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(A1, W2, b2, {"stride": stride, "pad": "same"})
    S, _ = dl.conv_forward(X, Ws, bs, {"stride": stride, "pad": 0})
    return np.maximum(Z2 + S, 0)
'''),
        ('shortcut dropped', '''
def convolutional_block_forward(X, W1, b1, W2, b2, Ws, bs, stride):
    """Forward pass of a two-layer convolutional block with a 1x1 projection shortcut.

    X: (m, n_H, n_W, n_C_prev); W1: (3, 3, n_C_prev, n_C), W2: (3, 3, n_C, n_C), Ws: (1, 1, n_C_prev, n_C);
    b1, b2, bs: (1, 1, 1, n_C); stride: the step of the first conv and of the shortcut.
    Main path: CONV(W1, b1, stride, "same") -> ReLU -> CONV(W2, b2, stride 1, "same");
    shortcut: CONV(Ws, bs, stride, no padding) of X. Returns ReLU(main + shortcut),
    of shape (m, ceil(n_H / stride), ceil(n_W / stride), n_C).
    """
    Z1, _ = dl.conv_forward(X, W1, b1, {"stride": stride, "pad": "same"})
    A1 = np.maximum(Z1, 0)
    Z2, _ = dl.conv_forward(A1, W2, b2, {"stride": 1, "pad": "same"})
    S, _ = dl.conv_forward(X, Ws, bs, {"stride": stride, "pad": 0})
    return np.maximum(Z2, 0)
'''),
    ],
}
