"""Detection threshold panel: score and IoU-threshold sliders redraw the boxes a trained detector
finds on test pictures, with mean AP, precision and recall on the whole test set. The network runs
once (``dl.decode_yolo`` on stored outputs); each slider move only filters.

The picture: solid boxes are detections, coloured by class (a legend above the pictures names
each colour, the same colours as the c4/06 segmentation panel), each with its score on a white
tag; true boxes are dotted white over a thin black line, visible on any background. Taught in:
c4_convolutional_neural_networks/05_object_detection.
"""
import time

import numpy as np

from ..vision.detection import filter_detections, mean_average_precision
from .base import Panel, float_slider, int_slider

__all__ = ["detection_result", "detection_panel", "legend_entries"]

COLOURS = {1: "tab:red", 2: "tab:blue", 3: "tab:orange"}   # car, pedestrian, sign (as in c4/06)
N_SHOWN = 6


def detection_result(decoded, truth, score_threshold, iou_threshold, n_classes, max_boxes=10, nms=True):
    """Filter decoded boxes ``(boxes (m, N, 4), scores (m, N), classes (m, N))`` for every picture and
    score them against ``truth (m, K, 5)``: a dict with the detections, mAP, precision, recall, seconds."""
    t0 = time.perf_counter()
    b, s, c = decoded
    det = [filter_detections(b[i], s[i], c[i], score_threshold, iou_threshold, max_boxes, nms=nms)
           for i in range(len(b))]
    r = mean_average_precision(det, truth, n_classes)
    seconds = time.perf_counter() - t0
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    summary = (f"mAP@0.5 {r['mean']:.3f}, precision {r['precision']:.3f}, recall {r['recall']:.3f}\n"
               f"score >= {score_threshold:.2f}, NMS IoU {iou_threshold:.2f}: "
               f"{sum(len(d[0]) for d in det)} boxes on {len(det)} test pictures, filtered in {seconds * 1000:.0f} ms")
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
        # 9.6 in at 100 dpi: shown at full size in a notebook column, so the 8-9 pt text stays readable
        fig, axes = plt.subplots(1, N_SHOWN, figsize=(9.6, 2.6))
        for a, i in zip(axes, range(result["first"], result["first"] + N_SHOWN)):
            a.imshow(images[i], interpolation="nearest")
            true_rows = truth[i][truth[i, :, 0] > 0]
            for row in true_rows:
                _box(a, row[1:5], "k", lw=1.0)
                _box(a, row[1:5], "white", lw=1.2, ls=":")
            boxes, scores, classes = result["detections"][i]
            for box, sc, cl in zip(boxes, scores, classes):
                colour = COLOURS.get(int(cl), "k")
                _box(a, box, colour, lw=2)
                a.text(box[0] - 0.5, box[1] - 0.5, f"{sc:.2f}", fontsize=8, color=colour, va="bottom",
                       ha="left", bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85},
                       clip_on=True)
            a.set_title(f"test {i}: {len(boxes)} found, {len(true_rows)} true", fontsize=8.5)
            a.set_xticks([])
            a.set_yticks([])
        handles, labels = legend_entries(class_names)
        fig.legend(handles, labels, handler_map={tuple: _tuple_handler()},
                   loc="upper center", ncol=len(class_names), fontsize=9, frameon=False,
                   bbox_to_anchor=(0.5, 1.0), handlelength=1.6, columnspacing=1.4)
        fig.text(0.5, 0.0, "the tag on a found box is its score (p_c times the class probability)",
                 ha="center", va="bottom", fontsize=8.5, color="#333")
        fig.tight_layout(rect=(0, 0.06, 1, 0.88), w_pad=0.4)

    return Panel(controls, compute, draw, title="Detection: score and IoU thresholds")


def _box(ax, corners, colour, lw, ls="-"):
    """A box drawn on pixel centres: corners (x1, y1, x2, y2) in pixels."""
    import matplotlib.pyplot as plt
    x1, y1, x2, y2 = corners
    ax.add_patch(plt.Rectangle((x1 - 0.5, y1 - 0.5), x2 - x1, y2 - y1, fill=False, lw=lw, ls=ls, color=colour))


def legend_entries(class_names):
    """``(handles, labels)`` of the panel's legend: one solid box per class colour (a detection of
    that class) and the dotted true box."""
    from matplotlib.patches import Patch
    shown = [k for k in sorted(COLOURS) if k < len(class_names)]
    handles = [Patch(fill=False, ec=COLOURS[k], lw=2) for k in shown]
    labels = [f"found {class_names[k]}" for k in shown]
    handles.append((Patch(fill=False, ec="k", lw=1.0), Patch(fill=False, ec="white", lw=1.2, ls=":")))
    labels.append("true box")
    return handles, labels


def _tuple_handler():
    from matplotlib.legend_handler import HandlerTuple
    return HandlerTuple(ndivide=1)   # the two patches on top of each other
