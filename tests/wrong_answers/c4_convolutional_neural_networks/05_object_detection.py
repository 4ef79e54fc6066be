"""Plausible wrong answers for notebooks/c4_convolutional_neural_networks/05_object_detection.ipynb.

Each entry replaces a whole solution cell; tests/test_exercises.py runs it through the check cells
that follow and requires an AssertionError (the checks must bite)."""

_IOU = '''
def iou(box1, box2):
    """Intersection over union of two boxes given as corners (x1, y1, x2, y2), x1 <= x2, y1 <= y2.

    Returns a float in [0, 1] (0 when the boxes do not overlap)."""
    xi1, yi1 = max(box1[0], box2[0]), max(box1[1], box2[1])
    xi2, yi2 = min(box1[2], box2[2]), min(box1[3], box2[3])
    inter = INTER
    area1 = (box1[2] - box1[0]) * (box1[3] - box1[1])
    area2 = (box2[2] - box2[0]) * (box2[3] - box2[1])
    union = UNION
    return float(inter / union)
'''

_FILTER = '''
def yolo_filter_boxes(boxes, scores, classes, threshold=0.6):
    """Keep the boxes whose score is at least threshold.

    boxes (n, 4), scores (n,), classes (n,) numpy arrays. Returns (boxes, scores, classes) of the kept
    boxes, in their original order."""
    keep = KEEP
    return RETURN
'''

_NMS = '''
def nms(boxes, scores, classes, iou_threshold=0.5, max_boxes=10):
    """Greedy non-max suppression per class.

    boxes (n, 4) corners, scores (n,), classes (n,). Returns a list of the indices kept, best score
    first, at most max_boxes of them."""
    order = list(np.argsort(-scores, kind="stable"))
    kept = []
    while order and len(kept) < max_boxes:
        best = order.pop(0)
        kept.append(int(best))
        order = [j for j in order if KEEP_RULE]
    return kept
'''


def _iou(inter, union):
    return _IOU.replace("INTER", inter).replace("UNION", union)


def _filter(keep, ret="boxes[keep], scores[keep], classes[keep]"):
    return _FILTER.replace("KEEP", keep).replace("RETURN", ret)


def _nms(rule):
    return _NMS.replace("KEEP_RULE", rule)


WRONG_ANSWERS = {
    "iou": [
        ("no max(0, .) on the intersection: apart boxes get a positive overlap",
         _iou("(xi2 - xi1) * (yi2 - yi1)", "area1 + area2 - inter")),
        ("union without subtracting the intersection", _iou("max(0.0, xi2 - xi1) * max(0.0, yi2 - yi1)", "area1 + area2")),
        ("intersection over the first box's area, not the union",
         _iou("max(0.0, xi2 - xi1) * max(0.0, yi2 - yi1)", "area1")),
        ("clamps the product instead of each side", _iou("max(0.0, (xi2 - xi1) * (yi2 - yi1))", "area1 + area2 - inter")),
    ],
    "yolo_filter_boxes": [
        ("strict > drops a box whose score equals the threshold", _filter("scores > threshold")),
        ("keeps the boxes below the threshold", _filter("scores < threshold")),
        ("filters the boxes but returns every score", _filter("scores >= threshold", "boxes[keep], scores, classes[keep]")),
    ],
    "nms": [
        ("never removes overlapping boxes (just the top max_boxes)", _nms("True")),
        ("suppresses across classes", _nms("iou(boxes[best], boxes[j]) <= iou_threshold")),
        ("removes the boxes that do NOT overlap", _nms("classes[j] != classes[best] or iou(boxes[best], boxes[j]) > iou_threshold")),
    ],
}
