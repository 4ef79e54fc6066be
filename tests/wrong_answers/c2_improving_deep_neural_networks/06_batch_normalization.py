"""Plausible wrong answers for notebooks/c2_improving_deep_neural_networks/06_batch_normalization.ipynb."""

_BN = '''
def batchnorm_forward_inline(Z, gamma, beta, epsilon=1e-5):
    """Training-mode batch norm of Z (n, m) over its m columns. Returns (Z_tilde, mu, var)."""
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)
    return gamma * Z_norm + beta, mu, var
'''

WRONG_ANSWERS = {
    "batchnorm_forward_inline": [
        ("statistics over the units (axis 0) instead of the examples", _BN.replace("axis=1", "axis=0")),
        ("the unbiased variance (1 / (m - 1))", _BN.replace(
            "var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)", "var = np.var(Z, axis=1, ddof=1, keepdims=True)")),
        ("epsilon outside the square root", _BN.replace("np.sqrt(var + epsilon)", "(np.sqrt(var) + epsilon)")),
        ("divides by the variance, not the standard deviation", _BN.replace("np.sqrt(var + epsilon)", "(var + epsilon)")),
        ("gamma and beta swapped", _BN.replace("gamma * Z_norm + beta", "beta * Z_norm + gamma")),
    ],
}
