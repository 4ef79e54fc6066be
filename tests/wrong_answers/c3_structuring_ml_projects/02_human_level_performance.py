"""Plausible wrong answers for notebooks/c3_structuring_ml_projects/02_human_level_performance.ipynb."""

_DP = '''
def dominant_problem(human_error, train_error, dev_error, tolerance=0.5):
    gaps = {"avoidable bias": train_error - human_error, "variance": dev_error - train_error}
    name = max(gaps, key=gaps.get)
    return name if gaps[name] > tolerance else "none"
'''

WRONG_ANSWERS = {
    "dominant_problem": [
        ("avoidable bias measured from 0 % instead of human-level error", _DP.replace(
            '"avoidable bias": train_error - human_error', '"avoidable bias": train_error')),
        ("the tolerance ignored: never 'none'", _DP.replace('return name if gaps[name] > tolerance else "none"', "return name")),
        ("variance measured as dev - human", _DP.replace('"variance": dev_error - train_error', '"variance": dev_error - human_error')),
        ("the smaller gap picked", _DP.replace("name = max(gaps, key=gaps.get)", "name = min(gaps, key=gaps.get)")),
        ("a gap equal to the tolerance counted (>= instead of >)", _DP.replace("if gaps[name] > tolerance", "if gaps[name] >= tolerance")),
        ("the tolerance argument ignored (0.5 hard-coded)", _DP.replace("if gaps[name] > tolerance", "if gaps[name] > 0.5")),
        ("gaps in absolute value: a training error below human level counted as bias", _DP.replace(
            '"avoidable bias": train_error - human_error', '"avoidable bias": abs(train_error - human_error)')),
    ],
}
