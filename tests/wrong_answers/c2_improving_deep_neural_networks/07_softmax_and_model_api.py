"""Plausible wrong answers for notebooks/c2_improving_deep_neural_networks/07_softmax_and_model_api.ipynb."""

_SM = '''
def softmax_inline(Z):
    """Column-wise softmax of Z (C, m)."""
    T = np.exp(Z - Z.max(axis=0, keepdims=True))
    return T / T.sum(axis=0, keepdims=True)


def one_hot_inline(labels, C):
    """(1, m) integer labels -> (C, m) one-hot columns."""
    Y = np.zeros((C, labels.shape[1]))
    Y[labels.ravel(), np.arange(labels.shape[1])] = 1.0
    return Y
'''
_NET = '''
def build_signs_net(rng):
    """The course's net."""
    return dl.Sequential([dl.Dense(25, activation="relu", initializer="xavier"),
                          dl.Dense(12, activation="relu", initializer="xavier"),
                          dl.Dense(6, activation="softmax", initializer="xavier")],
                         input_dim=12288, loss="softmax_cross_entropy", rng=rng)
'''

WRONG_ANSWERS = {
    "softmax_inline": [
        ("normalized along rows", _SM.replace("axis=0", "axis=1")),
        ("no max subtraction: overflows", _SM.replace("np.exp(Z - Z.max(axis=0, keepdims=True))", "np.exp(Z)")),
        ("one-hot transposed: (m, C)", _SM.replace(
            "    Y = np.zeros((C, labels.shape[1]))\n    Y[labels.ravel(), np.arange(labels.shape[1])] = 1.0",
            "    Y = np.zeros((labels.shape[1], C))\n    Y[np.arange(labels.shape[1]), labels.ravel()] = 1.0")),
        ("one-hot treats the labels as 1-based (labels - 1)", _SM.replace(
            "Y[labels.ravel(), np.arange(labels.shape[1])] = 1.0", "Y[labels.ravel() - 1, np.arange(labels.shape[1])] = 1.0")),
    ],
    "build_signs_net": [
        ("hidden sizes swapped (12, then 25)", _NET.replace("Dense(25,", "Dense(TMP,").replace("Dense(12,", "Dense(25,").replace("Dense(TMP,", "Dense(12,")),
        ("tanh hidden layers instead of ReLU", _NET.replace('activation="relu"', 'activation="tanh"')),
        ("one hidden layer missing", _NET.replace('                          dl.Dense(12, activation="relu", initializer="xavier"),\n', "")),
        ("the default initializer instead of Xavier", _NET.replace(', initializer="xavier"', "")),
    ],
}
