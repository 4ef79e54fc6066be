"""Plausible wrong answers for notebooks/c5_sequence_models/04_trigger_word_detection.ipynb."""

WRONG_ANSWERS = {
    "frame_signal": [
        ("no +1: the last whole frame is dropped", '''
def frame_signal(x, window_length, hop):
    """Frames of x."""
    T_x = (x.size - window_length) // hop
    starts = hop * np.arange(T_x)
    return x[starts[:, None] + np.arange(window_length)[None, :]]
'''),
        ("hop ignored: frames start every window_length samples", '''
def frame_signal(x, window_length, hop):
    """Frames of x."""
    T_x = 1 + (x.size - window_length) // hop
    starts = window_length * np.arange(T_x)
    return x[starts[:, None] + np.arange(window_length)[None, :]]
'''),
        ("counts partial frames too (n // hop frames)", '''
def frame_signal(x, window_length, hop):
    """Frames of x."""
    T_x = x.size // hop
    starts = hop * np.arange(T_x)
    return x[starts[:, None] + np.arange(window_length)[None, :]]
'''),
        ("frames as columns (window_length, T_x)", '''
def frame_signal(x, window_length, hop):
    """Frames of x."""
    T_x = 1 + (x.size - window_length) // hop
    starts = hop * np.arange(T_x)
    return x[starts[None, :] + np.arange(window_length)[:, None]]
'''),
    ],
    "is_overlapping": [
        ("strict inequalities: segments sharing their end sample pass as apart", '''
def is_overlapping(segment_time, previous_segments):
    """Overlap check."""
    start, end = segment_time
    overlap = False
    for prev_start, prev_end in previous_segments:
        if start < prev_end and end > prev_start:
            overlap = True
    return overlap
'''),
        ("only asks whether the new start or end falls inside an old segment", '''
def is_overlapping(segment_time, previous_segments):
    """Overlap check."""
    start, end = segment_time
    overlap = False
    for prev_start, prev_end in previous_segments:
        if prev_start <= start <= prev_end or prev_start <= end <= prev_end:
            overlap = True
    return overlap
'''),
        ("looks at the last previous segment only", '''
def is_overlapping(segment_time, previous_segments):
    """Overlap check."""
    start, end = segment_time
    if not previous_segments:
        return False
    prev_start, prev_end = previous_segments[-1]
    return start <= prev_end and end >= prev_start
'''),
        ("returns inside the loop: decides on the first previous segment", '''
def is_overlapping(segment_time, previous_segments):
    """Overlap check."""
    start, end = segment_time
    for prev_start, prev_end in previous_segments:
        return start <= prev_end and end >= prev_start
    return False
'''),
    ],
    "insert_ones": [
        ("off by one: the ones start on the step where the trigger ends", '''
def insert_ones(y, segment_end, n_samples, n_ones=N_ONES):
    """Labels."""
    y = y.copy()
    T_y = y.shape[1]
    segment_end_y = int(segment_end * T_y / n_samples)
    for i in range(segment_end_y, segment_end_y + n_ones):
        if i < T_y:
            y[0, i] = 1.0
    return y
'''),
        ("rounds the end step to the nearest instead of down", '''
def insert_ones(y, segment_end, n_samples, n_ones=N_ONES):
    """Labels."""
    y = y.copy()
    T_y = y.shape[1]
    segment_end_y = int(round(segment_end * T_y / n_samples))
    for i in range(segment_end_y + 1, segment_end_y + n_ones + 1):
        if i < T_y:
            y[0, i] = 1.0
    return y
'''),
        ("maps the end with the spectrogram's 298 steps instead of T_y", '''
def insert_ones(y, segment_end, n_samples, n_ones=N_ONES):
    """Labels."""
    y = y.copy()
    T_y = y.shape[1]
    segment_end_y = int(segment_end * 298 / n_samples)
    for i in range(segment_end_y + 1, segment_end_y + n_ones + 1):
        if i < T_y:
            y[0, i] = 1.0
    return y
'''),
        ("one step too many (n_ones + 1 ones)", '''
def insert_ones(y, segment_end, n_samples, n_ones=N_ONES):
    """Labels."""
    y = y.copy()
    T_y = y.shape[1]
    segment_end_y = int(segment_end * T_y / n_samples)
    y[0, segment_end_y + 1:segment_end_y + n_ones + 2] = 1.0
    return y
'''),
    ],
    "per_step_f1": [
        ("precision and recall swapped", '''
def per_step_f1(Y_hat, Y):
    """Scores."""
    tp = np.sum((Y_hat == 1) & (Y == 1))
    fp = np.sum((Y_hat == 1) & (Y == 0))
    fn = np.sum((Y_hat == 0) & (Y == 1))
    precision = tp / (tp + fn) if tp + fn > 0 else 0.0
    recall = tp / (tp + fp) if tp + fp > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)
'''),
        ("F1 as the plain mean of precision and recall", '''
def per_step_f1(Y_hat, Y):
    """Scores."""
    tp = np.sum((Y_hat == 1) & (Y == 1))
    fp = np.sum((Y_hat == 1) & (Y == 0))
    fn = np.sum((Y_hat == 0) & (Y == 1))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    return float(precision), float(recall), float((precision + recall) / 2)
'''),
        ("accuracy reported as F1", '''
def per_step_f1(Y_hat, Y):
    """Scores."""
    tp = np.sum((Y_hat == 1) & (Y == 1))
    fp = np.sum((Y_hat == 1) & (Y == 0))
    fn = np.sum((Y_hat == 0) & (Y == 1))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    return float(precision), float(recall), float(np.mean(Y_hat == Y))
'''),
        ("true positives counted as every step where prediction equals label", '''
def per_step_f1(Y_hat, Y):
    """Scores."""
    tp = np.sum(Y_hat == Y)
    fp = np.sum((Y_hat == 1) & (Y == 0))
    fn = np.sum((Y_hat == 0) & (Y == 1))
    precision = tp / (tp + fp) if tp + fp > 0 else 0.0
    recall = tp / (tp + fn) if tp + fn > 0 else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return float(precision), float(recall), float(f1)
'''),
        ("no guard: 0 / 0 gives nan for a detector that never fires", '''
def per_step_f1(Y_hat, Y):
    """Scores."""
    tp = np.sum((Y_hat == 1) & (Y == 1))
    fp = np.sum((Y_hat == 1) & (Y == 0))
    fn = np.sum((Y_hat == 0) & (Y == 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = tp / (tp + fp)
        recall = tp / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
    return float(precision), float(recall), float(f1)
'''),
    ],
}
