"""Plausible wrong answers for notebooks/c1_neural_networks_and_deep_learning/01_numpy_and_vectorization.ipynb.

Each entry replaces the whole solution cell; tests/test_exercises.py requires the cell's check to
fail with an AssertionError.
"""
WRONG_ANSWERS = {
    "sigmoid": [
        ("wrong sign in the exponent", '''
def sigmoid(z):
    """Elementwise 1 / (1 + exp(-z)) for a number or an array."""
    return 1 / (1 + np.exp(z))
'''),
        ("exp(-z) / (1 + exp(-z)): that is 1 - sigmoid", '''
def sigmoid(z):
    """Elementwise 1 / (1 + exp(-z)) for a number or an array."""
    return np.exp(-z) / (1 + np.exp(-z))
'''),
        ("tanh instead of the sigmoid", '''
def sigmoid(z):
    """Elementwise 1 / (1 + exp(-z)) for a number or an array."""
    return np.tanh(z)
'''),
    ],
    "sigmoid_derivative": [
        ("s * (1 + s)", '''
def sigmoid_derivative(z):
    """Elementwise derivative of the sigmoid."""
    s = sigmoid(z)
    return s * (1 + s)
'''),
        ("z * (1 - z): the formula applied to z instead of sigmoid(z)", '''
def sigmoid_derivative(z):
    """Elementwise derivative of the sigmoid."""
    return z * (1 - z)
'''),
        ("forgot the (1 - s) factor", '''
def sigmoid_derivative(z):
    """Elementwise derivative of the sigmoid."""
    return sigmoid(z)
'''),
    ],
    "image2vector": [
        ("a row instead of a column", '''
def image2vector(image):
    """(height, width, channels) -> (height * width * channels, 1)."""
    return image.reshape(1, -1)
'''),
        ("1-D vector, no column", '''
def image2vector(image):
    """(height, width, channels) -> (height * width * channels, 1)."""
    return image.reshape(-1)
'''),
        ("transposed first: the values come out in another order", '''
def image2vector(image):
    """(height, width, channels) -> (height * width * channels, 1)."""
    return image.T.reshape(-1, 1)
'''),
    ],
    "normalize_rows": [
        ("norm along axis 0 (columns)", '''
def normalize_rows(x):
    """Divide each row of the 2-D array x by its L2 norm."""
    return x / np.linalg.norm(x, axis=0, keepdims=True)
'''),
        ("squared norm (no square root)", '''
def normalize_rows(x):
    """Divide each row of the 2-D array x by its L2 norm."""
    return x / np.sum(x ** 2, axis=1, keepdims=True)
'''),
        ("L1 norm instead of L2", '''
def normalize_rows(x):
    """Divide each row of the 2-D array x by its L2 norm."""
    return x / np.sum(np.abs(x), axis=1, keepdims=True)
'''),
    ],
    "softmax": [
        ("normalized along rows (axis 1)", '''
def softmax(Z):
    """Column-wise softmax of Z (classes, m)."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)
'''),
        ("divided by the sum of the whole matrix", '''
def softmax(Z):
    """Column-wise softmax of Z (classes, m)."""
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum()
'''),
        ("no max subtraction: overflows for large scores", '''
def softmax(Z):
    """Column-wise softmax of Z (classes, m)."""
    E = np.exp(Z)
    return E / E.sum(axis=0, keepdims=True)
'''),
    ],
    "L1": [
        ("L1 without the absolute value", '''
def L1(yhat, y):
    """Sum of absolute differences."""
    return float(np.sum(y - yhat))


def L2(yhat, y):
    """Sum of squared differences, as one dot product."""
    d = y - yhat
    return float(np.dot(d, d))
'''),
        ("L2 as a mean instead of a sum", '''
def L1(yhat, y):
    """Sum of absolute differences."""
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    """Sum of squared differences, as one dot product."""
    d = y - yhat
    return float(np.mean(d * d))
'''),
        ("L2 without the square: the sum of absolute values again", '''
def L1(yhat, y):
    """Sum of absolute differences."""
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    """Sum of squared differences, as one dot product."""
    return float(np.sum(np.abs(y - yhat)))
'''),
    ],
    "graph_forward": [
        ("db and dc swapped (db = du * b)", '''
def graph_forward(a, b, c):
    """Return (J, cache) for J = 3 (a + b c)."""
    u = b * c
    v = a + u
    J = 3 * v
    return J, (a, b, c, u, v)


def graph_backward(cache):
    """Return (da, db, dc)."""
    a, b, c, u, v = cache
    dv = 3.0
    du = dv
    return dv, du * b, du * c
'''),
        ("forgot the factor 3 (dv = 1)", '''
def graph_forward(a, b, c):
    """Return (J, cache) for J = 3 (a + b c)."""
    u = b * c
    v = a + u
    J = 3 * v
    return J, (a, b, c, u, v)


def graph_backward(cache):
    """Return (da, db, dc)."""
    a, b, c, u, v = cache
    dv = 1.0
    du = dv
    return dv, du * c, du * b
'''),
        ("forward adds b + c instead of multiplying", '''
def graph_forward(a, b, c):
    """Return (J, cache) for J = 3 (a + b c)."""
    u = b + c
    v = a + u
    J = 3 * v
    return J, (a, b, c, u, v)


def graph_backward(cache):
    """Return (da, db, dc)."""
    a, b, c, u, v = cache
    dv = 3.0
    du = dv
    return dv, du * c, du * b
'''),
    ],
}
