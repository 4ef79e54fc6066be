"""Bounding boxes: formats, IoU and non-max suppression (notebook c4/05 object detection).

Layout: boxes are rows of an array ``(..., 4)``. Corners ``[x1, y1, x2, y2]`` with ``x1 <= x2``,
``y1 <= y2`` (x to the right, y down, as in images); centre-size ``[b_x, b_y, b_w, b_h]`` (the
course's ``b_x, b_y`` centre, ``b_w, b_h`` width and height). Scores ``(n,)``, classes ``(n,)`` ints.
"""
import numpy as np

__all__ = ["corners_to_centre", "centre_to_corners", "check_boxes", "box_area", "box_iou",
           "pairwise_iou", "filter_by_score", "non_max_suppression"]


def check_boxes(func, boxes, name="boxes"):
    """Return ``boxes`` as float64 ``(n, 4)`` corners, or raise a fix-it ValueError."""
    b = np.asarray(boxes, dtype=np.float64)
    if b.ndim == 1 and b.shape[0] == 4:
        b = b[None, :]
    if b.ndim != 2 or b.shape[1] != 4:
        raise ValueError(f"{func}: {name} has shape {np.shape(boxes)} but boxes are rows (n, 4) "
                         f"[x1, y1, x2, y2]; reshape to (-1, 4)")
    bad = (b[:, 2] < b[:, 0]) | (b[:, 3] < b[:, 1])
    if np.any(bad):
        i = int(np.argmax(bad))
        raise ValueError(f"{func}: {name}[{i}] = {b[i].tolist()} has x2 < x1 or y2 < y1; boxes are corners "
                         f"[x1, y1, x2, y2] with x1 <= x2 and y1 <= y2; were they centre-size "
                         f"[b_x, b_y, b_w, b_h]? try dl.centre_to_corners(...)")
    return b


def corners_to_centre(boxes):
    """``[x1, y1, x2, y2]`` -> ``[b_x, b_y, b_w, b_h]`` over the last axis."""
    b = np.asarray(boxes, dtype=np.float64)
    return np.stack([(b[..., 0] + b[..., 2]) / 2, (b[..., 1] + b[..., 3]) / 2,
                     b[..., 2] - b[..., 0], b[..., 3] - b[..., 1]], axis=-1)


def centre_to_corners(boxes):
    """``[b_x, b_y, b_w, b_h]`` -> ``[x1, y1, x2, y2]`` over the last axis."""
    b = np.asarray(boxes, dtype=np.float64)
    if np.any(b[..., 2:] < 0):
        raise ValueError("centre_to_corners: a box has negative width or height; centre-size boxes are "
                         "[b_x, b_y, b_w, b_h] with b_w, b_h >= 0; were they corners already?")
    return np.stack([b[..., 0] - b[..., 2] / 2, b[..., 1] - b[..., 3] / 2,
                     b[..., 0] + b[..., 2] / 2, b[..., 1] + b[..., 3] / 2], axis=-1)


def box_area(boxes):
    b = check_boxes("box_area", boxes)
    return (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])


def pairwise_iou(boxes_a, boxes_b):
    """IoU of every box in ``boxes_a (n, 4)`` with every box in ``boxes_b (k, 4)`` -> ``(n, k)``."""
    a = check_boxes("pairwise_iou", boxes_a, "boxes_a")
    b = check_boxes("pairwise_iou", boxes_b, "boxes_b")
    iw = np.maximum(0.0, np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0]))
    ih = np.maximum(0.0, np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1]))
    inter = iw * ih
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)


def box_iou(box1, box2):
    """IoU of two corner boxes (or of matching rows of two ``(n, 4)`` arrays)."""
    a = check_boxes("box_iou", box1, "box1")
    b = check_boxes("box_iou", box2, "box2")
    if a.shape != b.shape and len(a) != 1 and len(b) != 1:
        raise ValueError(f"box_iou: box1 has {len(a)} rows and box2 {len(b)}; pass matching rows, "
                         f"or use dl.pairwise_iou for every pair")
    iw = np.maximum(0.0, np.minimum(a[:, 2], b[:, 2]) - np.maximum(a[:, 0], b[:, 0]))
    ih = np.maximum(0.0, np.minimum(a[:, 3], b[:, 3]) - np.maximum(a[:, 1], b[:, 1]))
    inter = iw * ih
    union = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1]) + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) - inter
    iou = np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)
    return float(iou[0]) if np.ndim(box1) == 1 and np.ndim(box2) == 1 else iou


def filter_by_score(boxes, scores, classes, threshold=0.6):
    """Keep the boxes whose score is at least ``threshold``: returns ``(boxes, scores, classes)``."""
    b = check_boxes("filter_by_score", boxes)
    s, c = np.asarray(scores, dtype=np.float64).ravel(), np.asarray(classes).ravel()
    if len(s) != len(b) or len(c) != len(b):
        raise ValueError(f"filter_by_score: {len(b)} boxes but {len(s)} scores and {len(c)} classes; "
                         f"give one score and one class per box")
    keep = s >= threshold
    return b[keep], s[keep], c[keep]


def non_max_suppression(boxes, scores, classes, iou_threshold=0.5, max_boxes=10, score_threshold=None):
    """Greedy NMS per class: keep the best box, drop the boxes of its class that overlap it by more
    than ``iou_threshold``, repeat; at most ``max_boxes`` in all (best scores first).

    Returns the indices kept, in decreasing score order."""
    b = check_boxes("non_max_suppression", boxes)
    s, c = np.asarray(scores, dtype=np.float64).ravel(), np.asarray(classes).ravel()
    if len(s) != len(b) or len(c) != len(b):
        raise ValueError(f"non_max_suppression: {len(b)} boxes but {len(s)} scores and {len(c)} classes")
    candidates = np.arange(len(b)) if score_threshold is None else np.flatnonzero(s >= score_threshold)
    kept = []
    for cls in np.unique(c[candidates]):
        idx = candidates[c[candidates] == cls]
        idx = idx[np.argsort(-s[idx], kind="stable")]
        while len(idx):
            best, idx = idx[0], idx[1:]
            kept.append(best)
            if len(idx):
                idx = idx[pairwise_iou(b[best][None], b[idx])[0] <= iou_threshold]
    kept = np.array(kept, dtype=np.int64)
    kept = kept[np.argsort(-s[kept], kind="stable")] if len(kept) else kept
    return kept[:max_boxes]
