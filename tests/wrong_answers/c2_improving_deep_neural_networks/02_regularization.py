"""Plausible wrong answers for notebooks/c2_improving_deep_neural_networks/02_regularization.ipynb."""

_L2COST = '\ndef l2_cost_term(parameters, lambd, m):\n    """The L2 part of the cost: lambd / (2 m) times the sum over layers of ||W[l]||_F^2 (biases excluded), a float."""\n    L = sum(1 for k in parameters if k.startswith("W"))\n    total = sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))\n    return float(lambd / (2 * m) * total)\n\n\ndef l2_grad_terms(grads, parameters, lambd, m):\n    """A new grads dict with lambd / m * W[l] added to every weight gradient (bias gradients unchanged)."""\n    return {k: g + (lambd / m) * parameters[k] if k.startswith("W") else g\n            for k, g in grads.items()}\n'
_DROP = '\ndef dropout_forward_inline(A, keep_prob, rng):\n    """Inverted dropout of the activations A: returns (A_dropped, D) where D is the boolean keep-mask\n    (True with probability keep_prob, drawn with rng.random) and the kept units are scaled by 1 / keep_prob."""\n    D = rng.random(A.shape) < keep_prob\n    return A * D / keep_prob, D\n\n\ndef dropout_backward_inline(dA, D, keep_prob):\n    """Gradient through the same mask and scale: dA of the dropped activations -> dA of the activations before dropout."""\n    return dA * D / keep_prob\n'
_L2NET = '\ndef compute_cost_with_regularization(A3, Y, parameters, lambd):\n    """Cross-entropy of A3 (1, m) against Y (1, m) plus your L2 term of the weights, as a float."""\n    m = Y.shape[1]\n    cross_entropy = float(-np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m)\n    return cross_entropy + l2_cost_term(parameters, lambd, m)\n\n\ndef backward_propagation_with_regularization(X, Y, cache, parameters, lambd):\n    """Gradients {"W1", "b1", ..., "b3"} of the regularized cost for forward_3layer\'s net; cache from forward_3layer."""\n    m = X.shape[1]\n    A1, A2, A3 = cache["A1"], cache["A2"], cache["A3"]\n    W2, W3 = parameters["W2"], parameters["W3"]\n    dZ3 = A3 - Y\n    grads = {"W3": dZ3 @ A2.T / m + lambd / m * W3, "b3": dZ3.sum(axis=1, keepdims=True) / m}\n    dZ2 = (W3.T @ dZ3) * (cache["Z2"] > 0)\n    grads["W2"] = dZ2 @ A1.T / m + lambd / m * W2\n    grads["b2"] = dZ2.sum(axis=1, keepdims=True) / m\n    dZ1 = (W2.T @ dZ2) * (cache["Z1"] > 0)\n    grads["W1"] = dZ1 @ X.T / m + lambd / m * parameters["W1"]\n    grads["b1"] = dZ1.sum(axis=1, keepdims=True) / m\n    return grads\n'
_DROPNET = '\ndef forward_propagation_with_dropout(X, parameters, keep_prob, rng):\n    """forward_3layer with inverted dropout (your dropout_forward_inline) on the two hidden layers\' activations,\n    layer 1\'s mask drawn first; no dropout on the output. Returns (A3, cache): forward_3layer\'s keys plus "D1", "D2"."""\n    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))\n    Z1 = W1 @ X + b1\n    A1, D1 = dropout_forward_inline(np.maximum(0, Z1), keep_prob, rng)\n    Z2 = W2 @ A1 + b2\n    A2, D2 = dropout_forward_inline(np.maximum(0, Z2), keep_prob, rng)\n    Z3 = W3 @ A2 + b3\n    A3 = 1 / (1 + np.exp(-Z3))\n    return A3, {"Z1": Z1, "A1": A1, "D1": D1, "Z2": Z2, "A2": A2, "D2": D2, "Z3": Z3, "A3": A3}\n\n\ndef backward_propagation_with_dropout(X, Y, cache, parameters, keep_prob):\n    """Gradients {"W1", ..., "b3"} of the cross-entropy through the same masks (your dropout_backward_inline)."""\n    m = X.shape[1]\n    dZ3 = cache["A3"] - Y\n    grads = {"W3": dZ3 @ cache["A2"].T / m, "b3": dZ3.sum(axis=1, keepdims=True) / m}\n    dA2 = dropout_backward_inline(parameters["W3"].T @ dZ3, cache["D2"], keep_prob)\n    dZ2 = dA2 * (cache["Z2"] > 0)\n    grads["W2"] = dZ2 @ cache["A1"].T / m\n    grads["b2"] = dZ2.sum(axis=1, keepdims=True) / m\n    dA1 = dropout_backward_inline(parameters["W2"].T @ dZ2, cache["D1"], keep_prob)\n    dZ1 = dA1 * (cache["Z1"] > 0)\n    grads["W1"] = dZ1 @ X.T / m\n    grads["b1"] = dZ1.sum(axis=1, keepdims=True) / m\n    return grads\n'

WRONG_ANSWERS = {
    "l2_cost_term": [
        ("lambd / m instead of lambd / (2 m)", _L2COST.replace("lambd / (2 * m) * total", "lambd / m * total")),
        ("the biases regularized too", _L2COST.replace(
            'total = sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))',
            "total = sum(np.sum(np.square(v)) for v in parameters.values())")),
        ("off-by-one: the last layer's weights left out", _L2COST.replace("range(1, L + 1)", "range(1, L)")),
        ("gradient term lambd / (2 m) W", _L2COST.replace("g + (lambd / m) * parameters[k]", "g + (lambd / (2 * m)) * parameters[k]")),
        ("gradient term added to the biases as well", _L2COST.replace(
            'g + (lambd / m) * parameters[k] if k.startswith("W") else g', "g + (lambd / m) * parameters[k]")),
    ],
    "compute_cost_with_regularization": [
        ("the L2 term left out of the cost", _L2NET.replace(
            "return cross_entropy + l2_cost_term(parameters, lambd, m)", "return cross_entropy")),
        ("no lambd / m * W in dW2", _L2NET.replace("grads[\"W2\"] = dZ2 @ A1.T / m + lambd / m * W2", "grads[\"W2\"] = dZ2 @ A1.T / m")),
        ("lambd * W without the 1/m", _L2NET.replace("lambd / m * W3", "lambd * W3").replace("lambd / m * W2", "lambd * W2").replace(
            'lambd / m * parameters["W1"]', 'lambd * parameters["W1"]')),
        ("the biases regularized in the backward pass", _L2NET.replace(
            '"b3": dZ3.sum(axis=1, keepdims=True) / m}', '"b3": dZ3.sum(axis=1, keepdims=True) / m + lambd / m * parameters["b3"]}')),
        ("relu' taken from A2 instead of Z2", _L2NET.replace('(cache["Z2"] > 0)', '(A2 >= 0)')),
    ],
    "dropout_forward_inline": [
        ("no division by keep_prob", _DROP.replace("return A * D / keep_prob, D", "return A * D, D")),
        ("keeps a unit with probability 1 - keep_prob", _DROP.replace("D = rng.random(A.shape) < keep_prob", "D = rng.random(A.shape) > keep_prob")),
        ("backward without the mask", _DROP.replace("return dA * D / keep_prob\n", "return dA / keep_prob\n")),
        ("backward multiplies by keep_prob", _DROP.replace("return dA * D / keep_prob\n", "return dA * D * keep_prob\n")),
    ],
    "forward_propagation_with_dropout": [
        ("dropout without the 1 / keep_prob (a hand-made mask)", _DROPNET.replace(
            "A1, D1 = dropout_forward_inline(np.maximum(0, Z1), keep_prob, rng)",
            "D1 = rng.random(Z1.shape) < keep_prob\n    A1 = np.maximum(0, Z1) * D1")),
        ("dropout on the output layer too", _DROPNET.replace(
            "A3 = 1 / (1 + np.exp(-Z3))\n    return A3, {", "A3, _ = dropout_forward_inline(1 / (1 + np.exp(-Z3)), keep_prob, rng)\n    return A3, {")),
        ("backward ignores the masks", _DROPNET.replace(
            'dA2 = dropout_backward_inline(parameters["W3"].T @ dZ3, cache["D2"], keep_prob)', 'dA2 = parameters["W3"].T @ dZ3').replace(
            'dA1 = dropout_backward_inline(parameters["W2"].T @ dZ2, cache["D1"], keep_prob)', 'dA1 = parameters["W2"].T @ dZ2')),
        ("backward masks but forgets the / keep_prob", _DROPNET.replace(
            'dA2 = dropout_backward_inline(parameters["W3"].T @ dZ3, cache["D2"], keep_prob)', 'dA2 = (parameters["W3"].T @ dZ3) * cache["D2"]')),
        ("relu' forgotten in layer 1 (dZ1 = dA1)", _DROPNET.replace('dZ1 = dA1 * (cache["Z1"] > 0)', "dZ1 = dA1")),
    ],
}
