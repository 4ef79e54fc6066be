"""Plausible wrong answers for notebooks/c3_structuring_ml_projects/04_transfer_multitask_end_to_end.ipynb."""

_ML = '''
def masked_loss(Z, Y):
    known = (Y != -1).astype(float)
    Yk = np.where(known > 0, Y, 0.0)
    m = Y.shape[1]
    cost = np.sum(known * (np.maximum(Z, 0) - Z * Yk + np.log1p(np.exp(-np.abs(Z))))) / m
    dZ = known * (1 / (1 + np.exp(-Z)) - Yk) / m
    return cost, dZ
'''

WRONG_ANSWERS = {
    "masked_loss": [
        ("missing labels still send a gradient", _ML.replace("dZ = known * (1 / (1 + np.exp(-Z)) - Yk) / m", "dZ = (1 / (1 + np.exp(-Z)) - Yk) / m")),
        ("divides by the number of known labels instead of m", _ML.replace("m = Y.shape[1]", "m = known.sum()")),
        ("wrong sign in dZ", _ML.replace("(1 / (1 + np.exp(-Z)) - Yk)", "(Yk - 1 / (1 + np.exp(-Z)))")),
        ("no 1/m in the gradient", _ML.replace("- Yk) / m", "- Yk)")),
        ("missing labels still counted in the cost (their dZ masked)", _ML.replace(
            "cost = np.sum(known * (np.maximum(Z, 0)", "cost = np.sum((np.maximum(Z, 0)")),
        ("missing labels read as 0 in the gradient but not masked", _ML.replace(
            "dZ = known * (1 / (1 + np.exp(-Z)) - Yk) / m", "dZ = (1 / (1 + np.exp(-Z)) - Yk) / m").replace(
            "cost = np.sum(known * (np.maximum(Z, 0)", "cost = np.sum((np.maximum(Z, 0)")),
    ],
}
