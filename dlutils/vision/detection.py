"""YOLO-style detection on an S x S grid with B anchors (notebook c4/05 object detection).

Layout: ground truth per image as rows ``[class, x1, y1, x2, y2]`` (class 1..C, -1 = unused row),
array ``(m, K, 5)``; network output ``O (m, S, S, B * (5 + C))``, per anchor
``[t_o, t_x, t_y, t_w, t_h, class logits (C)]``. A box decodes as
``b_x = (j + sigmoid(t_x)) * cell``, ``b_y = (i + sigmoid(t_y)) * cell``, ``b_w = a_w exp(t_w)``,
``b_h = a_h exp(t_h)``; its score is ``sigmoid(t_o) * max softmax(class logits)``.
Each object is assigned to the cell holding its centre and to the anchor whose shape overlaps it
best (IoU of boxes centred together). Also: landmark regression loss, and VOC mean average precision.
"""
from typing import NamedTuple

import numpy as np

from .boxes import check_boxes, corners_to_centre, non_max_suppression, pairwise_iou

__all__ = ["YoloTargets", "anchor_iou", "assign_anchors", "encode_yolo_targets", "yolo_loss",
           "decode_yolo", "filter_detections", "landmark_loss", "average_precision",
           "mean_average_precision", "check_ground_truth"]


class YoloTargets(NamedTuple):
    obj: np.ndarray        # (m, S, S, B) 1 where an anchor is responsible for an object
    box: np.ndarray        # (m, S, S, B, 4) [x offset in cell, y offset, log(w / a_w), log(h / a_h)]
    cls: np.ndarray        # (m, S, S, B) class index 0..C-1 (0 where obj == 0)


def check_ground_truth(func, truth, n_classes=None):
    t = np.asarray(truth, dtype=np.float64)
    if t.ndim != 3 or t.shape[2] != 5:
        raise ValueError(f"{func}: ground truth has shape {t.shape} but it is (m, K, 5) rows "
                         f"[class, x1, y1, x2, y2]; for one image use truth[None]")
    used = t[..., 0] >= 0
    if np.any(used):
        check_boxes(func, t[used][:, 1:], "ground-truth boxes")
        if n_classes is not None and (t[used][:, 0].max() > n_classes or t[used][:, 0].min() < 1):
            raise ValueError(f"{func}: ground-truth classes span {int(t[used][:, 0].min())}.."
                             f"{int(t[used][:, 0].max())} but the detector has classes 1..{n_classes}; "
                             f"class 0 is background and unused rows are -1")
    return t


def anchor_iou(wh, anchors):
    """IoU of boxes of shapes ``wh (n, 2)`` with ``anchors (B, 2)`` when centred together: ``(n, B)``."""
    wh, a = np.asarray(wh, dtype=np.float64).reshape(-1, 2), np.asarray(anchors, dtype=np.float64)
    inter = np.minimum(wh[:, None, 0], a[None, :, 0]) * np.minimum(wh[:, None, 1], a[None, :, 1])
    return inter / (wh[:, None, 0] * wh[:, None, 1] + a[None, :, 0] * a[None, :, 1] - inter)


def assign_anchors(boxes, anchors, grid, image_size):
    """For corner boxes ``(n, 4)``: ``(rows i, cols j, anchor indices)`` each ``(n,)``."""
    b = corners_to_centre(check_boxes("assign_anchors", boxes))
    cell = image_size / grid
    j = np.clip(np.floor(b[:, 0] / cell), 0, grid - 1).astype(np.int64)
    i = np.clip(np.floor(b[:, 1] / cell), 0, grid - 1).astype(np.int64)
    k = np.argmax(anchor_iou(b[:, 2:], anchors), axis=1)
    return i, j, k


def encode_yolo_targets(truth, anchors, grid, image_size, n_classes):
    """Ground truth ``(m, K, 5)`` -> ``YoloTargets``. Two objects on one (cell, anchor): the larger wins."""
    t = check_ground_truth("encode_yolo_targets", truth, n_classes)
    anchors = np.asarray(anchors, dtype=np.float64)
    m, B, cell = t.shape[0], len(anchors), image_size / grid
    obj = np.zeros((m, grid, grid, B))
    box = np.zeros((m, grid, grid, B, 4))
    cls = np.zeros((m, grid, grid, B), dtype=np.int64)
    for n in range(m):
        rows = t[n][t[n, :, 0] >= 0]
        if not len(rows):
            continue
        rows = rows[np.argsort((rows[:, 3] - rows[:, 1]) * (rows[:, 4] - rows[:, 2]), kind="stable")]
        i, j, k = assign_anchors(rows[:, 1:], anchors, grid, image_size)
        c = corners_to_centre(rows[:, 1:])
        for r in range(len(rows)):                       # smallest first, so the larger overwrites
            obj[n, i[r], j[r], k[r]] = 1.0
            box[n, i[r], j[r], k[r]] = [c[r, 0] / cell - j[r], c[r, 1] / cell - i[r],
                                        np.log(max(c[r, 2], 1e-3) / anchors[k[r], 0]),
                                        np.log(max(c[r, 3], 1e-3) / anchors[k[r], 1])]
            cls[n, i[r], j[r], k[r]] = int(rows[r, 0]) - 1
    return YoloTargets(obj, box, cls)


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def _split(func, O, targets_or_B, n_classes):
    B = targets_or_B if isinstance(targets_or_B, int) else targets_or_B.obj.shape[3]
    if O.ndim != 4 or O.shape[3] != B * (5 + n_classes):
        raise ValueError(f"{func}: network output has shape {O.shape} but the detector needs "
                         f"(m, S, S, B * (5 + C)) = (m, S, S, {B * (5 + n_classes)}) for B = {B}, C = {n_classes}")
    return O.reshape(O.shape[:3] + (B, 5 + n_classes))


def yolo_loss(O, targets, n_classes, lambda_coord=5.0, lambda_noobj=0.5):
    """Cost and ``dO`` of the YOLO loss, averaged over the m images:
    objectness cross-entropy (``lambda_noobj`` on empty anchors), ``lambda_coord`` x squared error of
    ``sigmoid(t_x), sigmoid(t_y), t_w, t_h`` and softmax cross-entropy of the class, both only on
    responsible anchors."""
    P = _split("yolo_loss", np.asarray(O, dtype=np.float64), targets, n_classes)
    obj, box, cls = targets
    if P.shape[:4] != obj.shape:
        raise ValueError(f"yolo_loss: output grid {P.shape[:4]} does not match the targets {obj.shape}; "
                         f"encode the targets with the network's grid size and anchors")
    m = P.shape[0]
    dP = np.zeros_like(P)
    weight = np.where(obj > 0, 1.0, lambda_noobj)
    z = P[..., 0]
    ce = np.maximum(z, 0) - z * obj + np.log1p(np.exp(-np.abs(z)))
    cost = np.sum(weight * ce)
    dP[..., 0] = weight * (_sigmoid(z) - obj)
    sxy = _sigmoid(P[..., 1:3])
    exy = sxy - box[..., :2]
    ewh = P[..., 3:5] - box[..., 2:]
    o = obj[..., None]
    cost += lambda_coord * (np.sum(o * exy ** 2) + np.sum(o * ewh ** 2))
    dP[..., 1:3] = lambda_coord * o * 2 * exy * sxy * (1 - sxy)
    dP[..., 3:5] = lambda_coord * o * 2 * ewh
    logits = P[..., 5:]
    shifted = logits - logits.max(axis=-1, keepdims=True)
    logp = shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
    onehot = np.eye(n_classes)[cls]
    cost -= np.sum(o * onehot * logp)
    dP[..., 5:] = o * (np.exp(logp) - onehot)
    return float(cost / m), (dP / m).reshape(np.shape(O))


def decode_yolo(O, anchors, image_size, n_classes):
    """Network output -> ``(boxes (m, N, 4) corners, scores (m, N), classes (m, N) in 1..C)`` with
    N = S * S * B, one box per cell and anchor (filter them with ``filter_detections``)."""
    anchors = np.asarray(anchors, dtype=np.float64)
    P = _split("decode_yolo", np.asarray(O, dtype=np.float64), len(anchors), n_classes)
    m, S = P.shape[0], P.shape[1]
    cell = image_size / S
    jj, ii = np.meshgrid(np.arange(S), np.arange(S))
    bx = (jj[None, :, :, None] + _sigmoid(P[..., 1])) * cell
    by = (ii[None, :, :, None] + _sigmoid(P[..., 2])) * cell
    bw = anchors[:, 0] * np.exp(np.clip(P[..., 3], -8, 8))
    bh = anchors[:, 1] * np.exp(np.clip(P[..., 4], -8, 8))
    boxes = np.stack([bx - bw / 2, by - bh / 2, bx + bw / 2, by + bh / 2], axis=-1).reshape(m, -1, 4)
    logits = P[..., 5:]
    probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs /= probs.sum(axis=-1, keepdims=True)
    scores = (_sigmoid(P[..., 0]) * probs.max(axis=-1)).reshape(m, -1)
    classes = (np.argmax(probs, axis=-1) + 1).reshape(m, -1)
    return boxes, scores, classes


def filter_detections(boxes, scores, classes, score_threshold=0.5, iou_threshold=0.5, max_boxes=10,
                      nms=True):
    """One image's decoded boxes -> kept ``(boxes (k, 4), scores (k,), classes (k,))``: score threshold,
    then (if ``nms``) per-class non-max suppression and at most ``max_boxes``."""
    s = np.asarray(scores, dtype=np.float64)
    keep = np.flatnonzero(s >= score_threshold)
    if nms and len(keep):
        keep = keep[non_max_suppression(boxes[keep], s[keep], classes[keep], iou_threshold, max_boxes)]
    elif len(keep):
        keep = keep[np.argsort(-s[keep], kind="stable")]
    return np.asarray(boxes)[keep], s[keep], np.asarray(classes)[keep]


def landmark_loss(pred, target, visible=None):
    """Mean squared error over landmark coordinates ``(n_landmarks * 2, m)`` (``x_1, y_1, ...``),
    counting only visible landmarks (``visible`` same shape, 0/1). Returns ``(cost, dpred)``."""
    pred, target = np.asarray(pred, dtype=np.float64), np.asarray(target, dtype=np.float64)
    if pred.shape != target.shape:
        raise ValueError(f"landmark_loss: pred has shape {pred.shape} and target {target.shape}; "
                         f"both are (2 * n_landmarks, m)")
    v = np.ones_like(pred) if visible is None else np.asarray(visible, dtype=np.float64)
    m = pred.shape[-1]
    diff = v * (pred - target)
    return float(np.sum(diff ** 2) / (2 * m)), diff / m


def average_precision(tp, scores, n_truth):
    """VOC all-point AP from detections sorted by score: ``tp`` 0/1, ``n_truth`` objects of the class."""
    if n_truth == 0:
        return float("nan")
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    tp = np.asarray(tp, dtype=np.float64)[order]
    ctp, cfp = np.cumsum(tp), np.cumsum(1 - tp)
    recall = ctp / n_truth
    precision = ctp / np.maximum(ctp + cfp, 1e-12)
    r = np.concatenate([[0.0], recall, [1.0]])
    p = np.concatenate([[0.0], precision, [0.0]])
    p = np.maximum.accumulate(p[::-1])[::-1]              # precision envelope
    steps = np.flatnonzero(r[1:] != r[:-1])
    return float(np.sum((r[steps + 1] - r[steps]) * p[steps + 1]))


def mean_average_precision(detections, truth, n_classes, iou_threshold=0.5):
    """VOC-style mAP. ``detections``: per image ``(boxes (k, 4), scores (k,), classes (k,))``;
    ``truth (m, K, 5)``. Each true box matches at most one detection (the best-scoring one with
    IoU >= threshold); the others are false positives. Returns ``{"per_class": {c: AP}, "mean": mAP,
    "precision": overall precision, "recall": overall recall}``."""
    t = check_ground_truth("mean_average_precision", truth, n_classes)
    if len(detections) != len(t):
        raise ValueError(f"mean_average_precision: {len(detections)} detection lists for {len(t)} images")
    per_class, all_tp, n_all = {}, [], 0
    for c in range(1, n_classes + 1):
        tp, sc, n_truth = [], [], 0
        for (b, s, k), rows in zip(detections, t):
            gt = rows[rows[:, 0] == c][:, 1:]
            n_truth += len(gt)
            sel = np.flatnonzero(np.asarray(k) == c)
            if not len(sel):
                continue
            sel = sel[np.argsort(-np.asarray(s)[sel], kind="stable")]
            used = np.zeros(len(gt), dtype=bool)
            ious = pairwise_iou(np.asarray(b)[sel], gt) if len(gt) else np.zeros((len(sel), 0))
            for r in range(len(sel)):
                hit = 0
                if len(gt):
                    cand = np.where(used, -1.0, ious[r])
                    best = int(np.argmax(cand))
                    if cand[best] >= iou_threshold:
                        used[best], hit = True, 1
                tp.append(hit)
                sc.append(float(np.asarray(s)[sel[r]]))
        per_class[c] = average_precision(tp, sc, n_truth)
        all_tp += tp
        n_all += n_truth
    vals = [v for v in per_class.values() if not np.isnan(v)]
    return {"per_class": per_class, "mean": float(np.mean(vals)) if vals else float("nan"),
            "precision": float(np.mean(all_tp)) if all_tp else 0.0,
            "recall": float(np.sum(all_tp) / max(n_all, 1))}
