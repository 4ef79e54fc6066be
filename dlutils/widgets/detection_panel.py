"""Detection threshold panel: score and IoU-threshold sliders redraw the boxes a trained detector
finds on test pictures, with mean AP, precision and recall on the whole test set. The network runs
once (``dl.decode_yolo`` on stored outputs); each slider move only filters. Taught in:
c4_convolutional_neural_networks/05_object_detection.
"""
import time

import numpy as np

from ..vision.detection import filter_detections, mean_average_precision
from .base import Panel, float_slider, int_slider

__all__ = ["detection_result", "detection_panel"]

COLOURS = {1: "tab:red", 2: "tab:blue", 3: "tab:orange"}


def detection_result(decoded, truth, score_threshold, iou_threshold, n_classes, max_boxes=10, nms=True):
    """Filter decoded boxes ``(boxes (m, N, 4), scores (m, N), classes (m, N))`` for every picture and
    score them against ``truth (m, K, 5)``: a dict with the detections, mAP, precision, recall, seconds."""
    t0 = time.perf_counter()
    b, s, c = decoded
    det = [filter_detections(b[i], s[i], c[i], score_threshold, iou_threshold, max_boxes, nms=nms)
           for i in range(len(b))]
    r = mean_average_precision(det, truth, n_classes)
    seconds = time.perf_counter() - t0
    summary = (f"score >= {score_threshold:.2f}, NMS IoU {iou_threshold:.2f}: mAP@0.5 {r['mean']:.3f}, "
               f"precision {r['precision']:.3f}, recall {r['recall']:.3f}, "
               f"{sum(len(d[0]) for d in det)} boxes ({seconds * 1000:.0f} ms)")
    return {"score_threshold": float(score_threshold), "iou_threshold": float(iou_threshold),
            "detections": det, "map": r["mean"], "per_class": r["per_class"], "precision": r["precision"],
            "recall": r["recall"], "n_boxes": sum(len(d[0]) for d in det), "seconds": seconds,
            "summary": summary}


def detection_panel(images, decoded, truth, class_names, score_threshold=0.5, iou_threshold=0.5, first=0):
    """Panel with sliders for the score threshold, the NMS IoU threshold and the first picture shown."""
    n_classes = len(class_names) - 1
    controls = {"score_threshold": float_slider("score >=", score_threshold, 0.05, 0.95, 0.05),
                "iou_threshold": float_slider("NMS IoU", iou_threshold, 0.1, 1.0, 0.05),
                "first": int_slider("first picture", first, 0, len(images) - 6)}

    def compute(score_threshold, iou_threshold, first):
        r = detection_result(decoded, truth, score_threshold, iou_threshold, n_classes,
                             nms=iou_threshold < 1.0)
        r["first"] = int(first)
        return r

    def draw(result):
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 6, figsize=(12, 2.6))
        for a, i in zip(axes, range(result["first"], result["first"] + 6)):
            a.imshow(images[i], interpolation="nearest")
            for row in truth[i][truth[i, :, 0] > 0]:
                a.add_patch(plt.Rectangle((row[1] - 0.5, row[2] - 0.5), row[3] - row[1], row[4] - row[2],
                                          fill=False, ls=":", lw=1, color="white"))
            for box, sc, cl in zip(*result["detections"][i]):
                a.add_patch(plt.Rectangle((box[0] - 0.5, box[1] - 0.5), box[2] - box[0], box[3] - box[1],
                                          fill=False, lw=1.5, color=COLOURS.get(int(cl), "k")))
                a.text(box[0], box[1] - 0.8, f"{class_names[int(cl)][:3]} {sc:.2f}", fontsize=6,
                       color=COLOURS.get(int(cl), "k"))
            a.set_title(f"test {i}", fontsize=8)
            a.set_xlabel("x (pixels)", fontsize=7)
            a.set_xticks([])
            a.set_yticks([])
        axes[0].set_ylabel("y (pixels)", fontsize=7)
        fig.suptitle(f"dotted: truth; mAP@0.5 {result['map']:.3f}, precision {result['precision']:.3f}, "
                     f"recall {result['recall']:.3f}", fontsize=9)
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Detection: score and IoU thresholds")
