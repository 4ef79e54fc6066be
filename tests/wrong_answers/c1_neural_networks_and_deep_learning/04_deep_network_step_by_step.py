"""Plausible wrong answers for notebooks/c1_neural_networks_and_deep_learning/04_deep_network_step_by_step.ipynb."""

_INIT = '''
def initialize_parameters_deep(layer_dims, rng, scale=0.01):
    """{"W1", "b1", ..., "WL", "bL"}."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * scale
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters
'''
_ACT = '''
def sigmoid(Z):
    """Elementwise 1 / (1 + exp(-Z))."""
    return 1 / (1 + np.exp(-Z))


def relu(Z):
    """Elementwise max(0, Z)."""
    return np.maximum(0, Z)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b); return (A, (linear_cache, Z))."""
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = relu(Z) if activation == "relu" else sigmoid(Z)
    return A, (linear_cache, Z)
'''
_LFWD = '''
def L_model_forward(X, parameters):
    """Return (AL, caches)."""
    L = len(parameters) // 2
    caches = []
    A = X
    for l in range(1, L + 1):
        activation = "relu" if l < L else "sigmoid"
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches
'''
_COST = '''
def compute_cost(AL, Y):
    """Cross-entropy cost as a float."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)
'''
_LB = '''
def linear_backward(dZ, cache):
    """Return (dA_prev, dW, db)."""
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
'''
_LAB = '''
def relu_backward(dA, Z):
    """dZ = dA where Z > 0, else 0."""
    return dA * (Z > 0)


def sigmoid_backward(dA, Z):
    """dZ = dA * s * (1 - s)."""
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)


def linear_activation_backward(dA, cache, activation):
    """Return (dA_prev, dW, db)."""
    linear_cache, Z = cache
    dZ = relu_backward(dA, Z) if activation == "relu" else sigmoid_backward(dA, Z)
    return linear_backward(dZ, linear_cache)
'''
_LBWD = '''
def L_model_backward(AL, Y, caches):
    """Return grads."""
    grads = {}
    L = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        activation = "sigmoid" if l == L else "relu"
        dA, grads[f"W{l}"], grads[f"b{l}"] = linear_activation_backward(dA, caches[l - 1], activation)
    return grads
'''
_UPD = '''
def update_parameters(parameters, grads, learning_rate):
    """Return new parameters."""
    return {k: parameters[k] - learning_rate * grads[k] for k in parameters}
'''

WRONG_ANSWERS = {
    "initialize_parameters_deep": [
        ("off-by-one: the last layer is missing", _INIT.replace("range(1, len(layer_dims))", "range(1, len(layer_dims) - 1)")),
        ("W transposed: (n[l-1], n[l])", _INIT.replace("(layer_dims[l], layer_dims[l - 1])", "(layer_dims[l - 1], layer_dims[l])")),
        ("scale ignored", _INIT.replace(") * scale", ")")),
    ],
    "linear_forward": [
        ("forgot the bias", '''
def linear_forward(A_prev, W, b):
    """Z = W A_prev + b."""
    Z = W @ A_prev
    return Z, (A_prev, W, b)
'''),
        ("transposed product A_prev^T W^T: (m, n) instead of (n, m)", '''
def linear_forward(A_prev, W, b):
    """Z = W A_prev + b."""
    Z = A_prev.T @ W.T + b
    return Z, (A_prev, W, b)
'''),
        ("the bias subtracted", '''
def linear_forward(A_prev, W, b):
    """Z = W A_prev + b."""
    Z = W @ A_prev - b
    return Z, (A_prev, W, b)
'''),
    ],
    "sigmoid": [
        ("activations swapped", _ACT.replace('relu(Z) if activation == "relu" else sigmoid(Z)',
                                            'sigmoid(Z) if activation == "relu" else relu(Z)')),
        ("the cache keeps A instead of Z", _ACT.replace("return A, (linear_cache, Z)", "return A, (linear_cache, A)")),
        ("relu as the absolute value", _ACT.replace("np.maximum(0, Z)", "np.abs(Z)")),
    ],
    "L_model_forward": [
        ("off-by-one: the loop stops before the output layer", _LFWD.replace("range(1, L + 1)", "range(1, L)")),
        ("relu at the output layer too", _LFWD.replace('"relu" if l < L else "sigmoid"', '"relu"')),
        ("sigmoid in every layer", _LFWD.replace('"relu" if l < L else "sigmoid"', '"sigmoid"')),
    ],
    "compute_cost": [
        ("no 1/m", _COST.replace(") / m)", "))")),
        ("wrong sign", _COST.replace("float(-np.sum", "float(np.sum")),
        ("mean over everything with 1 - Y forgotten", _COST.replace("(1 - Y) * np.log(1 - AL)", "np.log(1 - AL)")),
    ],
    "linear_backward": [
        ("dW without the 1/m", _LB.replace("dW = dZ @ A_prev.T / m", "dW = dZ @ A_prev.T")),
        ("db summed over the wrong axis", _LB.replace("np.sum(dZ, axis=1, keepdims=True)", "np.sum(dZ, axis=0, keepdims=True)")),
        ("dA_prev divided by m as well", _LB.replace("dA_prev = W.T @ dZ", "dA_prev = W.T @ dZ / m")),
    ],
    "relu_backward": [
        ("relu_backward masks on dA instead of Z", _LAB.replace("dA * (Z > 0)", "dA * (dA > 0)")),
        ("sigmoid_backward forgets dA", _LAB.replace("return dA * s * (1 - s)", "return s * (1 - s)")),
        ("the activations swapped", _LAB.replace('relu_backward(dA, Z) if activation == "relu" else sigmoid_backward(dA, Z)',
                                                'sigmoid_backward(dA, Z) if activation == "relu" else relu_backward(dA, Z)')),
    ],
    "L_model_backward": [
        ("dA[L] with the wrong sign", _LBWD.replace("dA = -(Y / AL - (1 - Y) / (1 - AL))", "dA = Y / AL - (1 - Y) / (1 - AL)")),
        ("relu at the output layer", _LBWD.replace('"sigmoid" if l == L else "relu"', '"relu"')),
        ("dA[L] divided by m as well (the 1/m twice)", _LBWD.replace(
            "dA = -(Y / AL - (1 - Y) / (1 - AL))", "dA = -(Y / AL - (1 - Y) / (1 - AL)) / Y.shape[1]")),
        ("off-by-one in the keys: layer l stored as W{l-1}", _LBWD.replace(
            'grads[f"W{l}"], grads[f"b{l}"]', 'grads[f"W{l - 1}"], grads[f"b{l - 1}"]')),
    ],
    "update_parameters": [
        ("plus instead of minus", _UPD.replace("parameters[k] - learning_rate", "parameters[k] + learning_rate")),
        ("in place: the input arrays change", '''
def update_parameters(parameters, grads, learning_rate):
    """Return new parameters."""
    for k in parameters:
        parameters[k] -= learning_rate * grads[k]
    return parameters
'''),
        ("only the weights are updated", _UPD.replace(
            "parameters[k] - learning_rate * grads[k] for k", "parameters[k] - learning_rate * grads[k] * k.startswith('W') for k")),
    ],
}
