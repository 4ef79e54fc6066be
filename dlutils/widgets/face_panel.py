"""c4/07 panel: a distance threshold for face verification; shows which pairs are accepted or rejected.

Taught in: c4_convolutional_neural_networks/07_face_verification.
"""
import numpy as np

from .base import Panel, float_slider

__all__ = ["face_threshold_panel", "face_threshold_result"]


def face_threshold_result(d, same, threshold):
    """Accuracy, true and false accept rates of 'same person when d <= threshold'."""
    d, same = np.asarray(d, float), np.asarray(same).astype(bool)
    acc = d <= threshold
    r = {"threshold": float(threshold), "accuracy": float((acc == same).mean()),
         "true_accept": float(acc[same].mean()), "false_accept": float(acc[~same].mean())}
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    r["summary"] = (f"threshold {threshold:.2f}: accuracy {r['accuracy']:.3f}\n"
                    f"same-person pairs accepted {r['true_accept']:.3f}, different-person pairs accepted "
                    f"{r['false_accept']:.3f} (false accepts)")
    return r


def face_threshold_panel(d, same, images_a, images_b, threshold=0.7, show=8):
    """Slider on the squared-distance threshold; draws ``show`` pairs (half same-person, half
    different-person pairs, the first of each in the data) with the decision above each pair,
    and the two distance histograms."""
    d, same = np.asarray(d, float), np.asarray(same).astype(bool)
    controls = {"threshold": float_slider("threshold", threshold, 0.05, 2.0, 0.05)}
    # both kinds of pair on show, so a threshold's false accepts and false rejects can be seen
    shown = np.concatenate([np.flatnonzero(same)[:show // 2], np.flatnonzero(~same)[:show - show // 2]])
    shown = shown[np.argsort(shown, kind="stable")]

    def compute(threshold):
        return face_threshold_result(d, same, threshold)

    def draw(result):
        import matplotlib.pyplot as plt
        t = result["threshold"]
        fig = plt.figure(figsize=(9.6, 4.4))
        for col, k in enumerate(shown):
            for row, imgs in enumerate((images_a, images_b)):
                ax = fig.add_subplot(3, len(shown), row * len(shown) + col + 1)
                ax.imshow(imgs[k])
                ax.axis("off")
            ok = d[k] <= t
            fig.axes[-2].set_title(f"{'same' if same[k] else 'different'}\nd={d[k]:.2f}: {'accept' if ok else 'reject'}",
                                   fontsize=8.5, color="tab:green" if ok == same[k] else "tab:red")
        ax = fig.add_subplot(3, 1, 3)
        bins = np.linspace(0, max(2.0, d.max()), 40)
        ax.hist(d[same], bins, alpha=0.6, color="tab:blue", label="same person")
        ax.hist(d[~same], bins, alpha=0.6, color="tab:orange", label="different people")
        ax.axvline(t, color="k", ls="--", label="threshold (accept left of it)")
        ax.set_xlabel("squared L2 distance of embeddings")
        ax.set_ylabel("pairs")
        ax.legend(fontsize=8.5)
        fig.tight_layout(rect=(0, 0, 1, 0.95))
        fig.text(0.5, 0.995, "each pair: the truth, the distance d and the decision; green = right, red = wrong",
                 ha="center", va="top", fontsize=9)

    return Panel(controls, compute, draw, title="Face verification threshold")
