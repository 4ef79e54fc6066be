"""Plausible wrong answers for notebooks/c1_neural_networks_and_deep_learning/02_logistic_regression.ipynb."""

_OPT = '''
def optimize(w, b, X, Y, num_iterations, learning_rate, print_cost=False):
    """Batch gradient descent."""
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["w"]
        b = b - learning_rate * grads["b"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs
'''
_PRED = '''

def predict(w, b, X):
    """Labels (1, m)."""
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    return (A > 0.5).astype(int)
'''

WRONG_ANSWERS = {
    "initialize_with_zeros": [
        ("w as a row (1, dim)", '''
def initialize_with_zeros(dim):
    """w of shape (dim, 1) and b = 0.0."""
    return np.zeros((1, dim)), 0.0
'''),
        ("w as a 1-D vector", '''
def initialize_with_zeros(dim):
    """w of shape (dim, 1) and b = 0.0."""
    return np.zeros(dim), 0.0
'''),
        ("b as a (1, 1) array of zeros", '''
def initialize_with_zeros(dim):
    """w of shape (dim, 1) and b = 0.0."""
    return np.zeros((dim, 1)), np.zeros((1, 1))
'''),
    ],
    "propagate": [
        ("dw without the 1/m", '''
def propagate(w, b, X, Y):
    """Forward and backward pass."""
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dw = X @ (A - Y).T
    db = float(np.sum(A - Y) / m)
    return {"w": dw, "b": db}, cost
'''),
        ("the cost without its minus sign", '''
def propagate(w, b, X, Y):
    """Forward and backward pass."""
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = float(np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dw = X @ (A - Y).T / m
    db = float(np.sum(A - Y) / m)
    return {"w": dw, "b": db}, cost
'''),
        ("Y - A instead of A - Y in the gradients", '''
def propagate(w, b, X, Y):
    """Forward and backward pass."""
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dw = X @ (Y - A).T / m
    db = float(np.sum(Y - A) / m)
    return {"w": dw, "b": db}, cost
'''),
        ("forgot b in the forward pass", '''
def propagate(w, b, X, Y):
    """Forward and backward pass."""
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X)))
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dw = X @ (A - Y).T / m
    db = float(np.sum(A - Y) / m)
    return {"w": dw, "b": db}, cost
'''),
    ],
    "optimize": [
        ("gradient ascent: + instead of -", _OPT.replace('w = w - learning_rate', 'w = w + learning_rate')
         .replace('b = b - learning_rate', 'b = b + learning_rate') + _PRED),
        ("b is never updated", _OPT.replace('        b = b - learning_rate * grads["b"]\n', '') + _PRED),
        ("records the cost at every iteration", _OPT.replace('if i % 100 == 0:', 'if True:') + _PRED),
        ("predict thresholds z = w^T X + b at 0.5, not the probability", _OPT + _PRED.replace(
            'A = 1 / (1 + np.exp(-(w.T @ X + b)))', 'A = w.T @ X + b')),
    ],
}
