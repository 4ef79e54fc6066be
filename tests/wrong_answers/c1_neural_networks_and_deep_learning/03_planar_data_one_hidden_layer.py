"""Plausible wrong answers for notebooks/c1_neural_networks_and_deep_learning/03_planar_data_one_hidden_layer.ipynb."""

_INIT = '''
def initialize_parameters_2layer(n_x, n_h, n_y, rng, scale=0.01):
    """Return {"W1", "b1", "W2", "b2"}."""
    W1 = rng.standard_normal((n_h, n_x)) * scale
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((n_y, n_h)) * scale
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
'''
_FWD = '''
def forward_propagation(X, parameters):
    """Return (A2, cache)."""
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = 1 / (1 + np.exp(-Z2))
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
'''
_COST = '''
def compute_cost(A2, Y):
    """Cross-entropy, as a float."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
'''
_BWD = '''
def backward_propagation(parameters, cache, X, Y):
    """Return grads."""
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (parameters["W2"].T @ dZ2) * (1 - A1 ** 2)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
'''
_MODEL = '''
def nn_model(X, Y, n_h, num_iterations, learning_rate, rng, print_every=0):
    """Train [n_x, n_h, 1]."""
    parameters = initialize_parameters_2layer(X.shape[0], n_h, Y.shape[0], rng)
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if i % 100 == 0:
            costs.append(compute_cost(A2, Y))
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def predict(parameters, X):
    """Labels (1, m)."""
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(int)
'''

_SIZES = '''
def layer_sizes(X, Y, n_h=4):
    """(n_x, n_h, n_y)."""
    n_x = X.shape[0]
    n_y = Y.shape[0]
    return n_x, n_h, n_y
'''

WRONG_ANSWERS = {
    "layer_sizes": [
        ("sizes from the number of examples (shape[1])", _SIZES.replace("X.shape[0]", "X.shape[1]").replace("Y.shape[0]", "Y.shape[1]")),
        ("the hidden size hard-wired to 4", _SIZES.replace("return n_x, n_h, n_y", "return n_x, 4, n_y")),
        ("n_y taken from X", _SIZES.replace("n_y = Y.shape[0]", "n_y = X.shape[0]")),
    ],
    "initialize_parameters_2layer": [
        ("W1 transposed: (n_x, n_h)", _INIT.replace("(n_h, n_x)", "(n_x, n_h)")),
        ("scale forgotten: standard normal weights", _INIT.replace(") * scale", ")")),
        ("W2 drawn before W1 (other numbers from the same rng)", _INIT.replace(
            "    W1 = rng.standard_normal((n_h, n_x)) * scale\n", "").replace(
            "    b2 = np.zeros((n_y, 1))\n", "    b2 = np.zeros((n_y, 1))\n    W1 = rng.standard_normal((n_h, n_x)) * scale\n")),
    ],
    "forward_propagation": [
        ("ReLU in the hidden layer instead of tanh", _FWD.replace("np.tanh(Z1)", "np.maximum(0, Z1)")),
        ("no sigmoid at the output: A2 = Z2", _FWD.replace("1 / (1 + np.exp(-Z2))", "Z2")),
        ("Z2 computed from Z1 instead of A1", _FWD.replace("W2 @ A1 + b2", "W2 @ Z1 + b2")),
    ],
    "compute_cost": [
        ("no 1/m: the sum of the losses", _COST.replace(") / m)", "))")),
        ("returns a numpy array, not a float", _COST.replace("return float(", "return np.array(")),
        ("log(A2) on both terms", _COST.replace("np.log(1 - A2)", "np.log(A2)")),
    ],
    "backward_propagation": [
        ("tanh' written as 1 - A1", _BWD.replace("(1 - A1 ** 2)", "(1 - A1)")),
        ("db2 without the 1/m", _BWD.replace("db2 = dZ2.sum(axis=1, keepdims=True) / m", "db2 = dZ2.sum(axis=1, keepdims=True)")),
        ("dZ2 = Y - A2 (wrong sign)", _BWD.replace("dZ2 = A2 - Y", "dZ2 = Y - A2")),
        ("db summed over the hidden units, not the examples", _BWD.replace(
            "db1 = dZ1.sum(axis=1, keepdims=True) / m", "db1 = dZ1.sum(axis=0, keepdims=True) / m")),
    ],
    "update_parameters": [
        ("plus instead of minus", '''
def update_parameters(parameters, grads, learning_rate):
    """Return new parameters."""
    return {k: parameters[k] + learning_rate * grads[k] for k in parameters}
'''),
        ("updates the input arrays in place", '''
def update_parameters(parameters, grads, learning_rate):
    """Return new parameters."""
    for k in parameters:
        parameters[k] -= learning_rate * grads[k]
    return parameters
'''),
        ("forgets the learning rate", '''
def update_parameters(parameters, grads, learning_rate):
    """Return new parameters."""
    return {k: parameters[k] - grads[k] for k in parameters}
'''),
    ],
    "nn_model": [
        ("the update is computed but never kept", _MODEL.replace(
            "parameters = update_parameters(parameters, grads, learning_rate)", "update_parameters(parameters, grads, learning_rate)")),
        ("the cost is recorded after the update (one step late)", _MODEL.replace(
            "        if i % 100 == 0:\n            costs.append(compute_cost(A2, Y))\n", "").replace(
            "        parameters = update_parameters(parameters, grads, learning_rate)\n",
            "        parameters = update_parameters(parameters, grads, learning_rate)\n"
            "        if i % 100 == 0:\n            costs.append(compute_cost(forward_propagation(X, parameters)[0], Y))\n")),
        ("predict thresholds at 0 instead of 0.5", _MODEL.replace("(A2 > 0.5)", "(A2 > 0)")),
        ("a fresh generator instead of the rng it was given", _MODEL.replace(
            "Y.shape[0], rng)", "Y.shape[0], np.random.default_rng(0))")),
    ],
}
