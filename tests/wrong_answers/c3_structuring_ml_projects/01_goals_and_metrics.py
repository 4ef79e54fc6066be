"""Plausible wrong answers for notebooks/c3_structuring_ml_projects/01_goals_and_metrics.ipynb."""

_PRF = '''
def precision_recall_f1(Y_pred, Y):
    tp = np.sum((Y_pred == 1) & (Y == 1))
    fp = np.sum((Y_pred == 1) & (Y == 0))
    fn = np.sum((Y_pred == 0) & (Y == 1))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
'''

WRONG_ANSWERS = {
    "precision_recall_f1": [
        ("precision and recall swapped (fn in the precision)", _PRF.replace(
            "precision = tp / (tp + fp) if tp + fp else 0.0", "precision = tp / (tp + fn) if tp + fn else 0.0").replace(
            "recall = tp / (tp + fn) if tp + fn else 0.0", "recall = tp / (tp + fp) if tp + fp else 0.0")),
        ("F1 as the arithmetic mean", _PRF.replace(
            "f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0", "f1 = (precision + recall) / 2")),
        ("false positives counted as predicted 0, true 1", _PRF.replace(
            "fp = np.sum((Y_pred == 1) & (Y == 0))", "fp = np.sum((Y_pred == 0) & (Y == 1))")),
        ("no guard for 0/0: nan when nothing is predicted positive", _PRF.replace(
            "precision = tp / (tp + fp) if tp + fp else 0.0", "precision = tp / (tp + fp)").replace(
            "f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0",
            "f1 = 2 * precision * recall / (precision + recall)")),
        ("true negatives counted as true positives", _PRF.replace(
            "tp = np.sum((Y_pred == 1) & (Y == 1))", "tp = np.sum(Y_pred == Y)")),
    ],
}
