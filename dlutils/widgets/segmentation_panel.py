"""Segmentation panel: test pictures, their true masks and each model's predicted masks side by
side, with the models' mean IoU on the pictures shown and on the whole test set. Predictions are
computed once; the slider only picks pictures. Taught in:
c4_convolutional_neural_networks/06_semantic_segmentation.
"""
import numpy as np

from ..vision.segmentation import mean_iou
from .base import Panel, int_slider

__all__ = ["segmentation_result", "segmentation_panel"]


def segmentation_result(masks, predictions, first, n_show=4, n_classes=4):
    """Mean IoU per model on the whole set and on pictures ``first .. first + n_show - 1``."""
    sl = slice(first, first + n_show)
    iou = {k: mean_iou(p, masks, n_classes)[0] for k, p in predictions.items()}
    shown = {k: mean_iou(p[sl], masks[sl], n_classes)[0] for k, p in predictions.items()}
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    summary = ("mean IoU on the test set: " + ", ".join(f"{k} {iou[k]:.3f}" for k in predictions)
               + f"\non the {n_show} pictures shown: " + ", ".join(f"{k} {shown[k]:.3f}" for k in predictions))
    return {"first": int(first), "iou": iou, "iou_shown": shown, "summary": summary}


def segmentation_panel(images, masks, predictions, class_names, first=0, n_show=4):
    """``predictions``: ``{model name: class maps (m, n_H, n_W)}``; slider: first picture shown."""
    from matplotlib.colors import ListedColormap
    cmap = ListedColormap(["#303030", "tab:red", "tab:blue", "tab:orange"][:len(class_names)])
    controls = {"first": int_slider("first picture", first, 0, len(images) - n_show)}

    def compute(first):
        return segmentation_result(masks, predictions, first, n_show, len(class_names))

    def draw(result):
        import matplotlib.pyplot as plt
        rows = 2 + len(predictions)
        fig, axes = plt.subplots(rows, n_show, figsize=(1.65 * n_show + 1.3, 1.65 * rows))
        for col in range(n_show):
            i = result["first"] + col
            axes[0, col].imshow(images[i])
            axes[0, col].set_title(f"test {i}", fontsize=9)
            axes[1, col].imshow(masks[i], cmap=cmap, vmin=0, vmax=len(class_names) - 1, interpolation="nearest")
            for r, (name, p) in enumerate(predictions.items()):
                axes[2 + r, col].imshow(p[i], cmap=cmap, vmin=0, vmax=len(class_names) - 1, interpolation="nearest")
        for r, label in enumerate(["picture", "truth"] + list(predictions)):
            axes[r, 0].set_ylabel(label, fontsize=9)
        for a in axes.flat:
            a.set_xticks([])
            a.set_yticks([])
        for c, name in enumerate(class_names):
            axes[0, -1].plot([], [], "s", color=cmap(c), label=name)
        axes[0, -1].legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.05, 1.0), title="class",
                           title_fontsize=9)
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Segmentation: truth and predictions")
