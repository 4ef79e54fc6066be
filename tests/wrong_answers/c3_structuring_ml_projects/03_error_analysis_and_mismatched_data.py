"""Plausible wrong answers for notebooks/c3_structuring_ml_projects/03_error_analysis_and_mismatched_data.ipynb."""

_T = '''
def tally(misclassified, causes):
    n_wrong = misclassified.sum()
    table = {}
    for name, flags in causes.items():
        count = int(np.sum(flags & misclassified))
        table[name] = (count, 100 * count / n_wrong)
    return table
'''

WRONG_ANSWERS = {
    "tally": [
        ("counts the cause over all dev examples, not only the misclassified", _T.replace(
            "count = int(np.sum(flags & misclassified))", "count = int(np.sum(flags))")),
        ("share of the whole dev set instead of the errors", _T.replace("100 * count / n_wrong", "100 * count / misclassified.size")),
        ("share as a fraction, not a percentage", _T.replace("100 * count / n_wrong", "count / n_wrong")),
        ("share of the flagged examples that are wrong, not of the errors", _T.replace(
            "100 * count / n_wrong", "100 * count / flags.sum()")),
        ("flagged OR misclassified counted", _T.replace("np.sum(flags & misclassified)", "np.sum(flags | misclassified)")),
    ],
}
