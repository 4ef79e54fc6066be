"""Plausible wrong answers for notebooks/c2_improving_deep_neural_networks/05_hyperparameter_tuning.ipynb."""

_S = '''
def sample_log(rng, low, high, n):
    """Log-uniform values."""
    r = rng.uniform(np.log10(low), np.log10(high), size=n)
    return 10 ** r


def sample_beta(rng, low, high, n):
    """beta with 1 - beta log-uniform."""
    r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size=n)
    return 1 - 10 ** r
'''

WRONG_ANSWERS = {
    "sample_log": [
        ("uniform on the linear scale", _S.replace(
            "    r = rng.uniform(np.log10(low), np.log10(high), size=n)\n    return 10 ** r",
            "    return rng.uniform(low, high, size=n)")),
        ("forgot the log10 of the bounds", _S.replace("rng.uniform(np.log10(low), np.log10(high), size=n)", "rng.uniform(low, high, size=n)")),
        ("beta itself on a log scale, not 1 - beta", _S.replace(
            "    r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size=n)\n    return 1 - 10 ** r",
            "    r = rng.uniform(np.log10(low), np.log10(high), size=n)\n    return 10 ** r")),
        ("beta uniform on the linear scale", _S.replace(
            "    r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size=n)\n    return 1 - 10 ** r",
            "    return rng.uniform(low, high, size=n)")),
    ],
}
