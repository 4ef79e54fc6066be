"""c4/07 panel: a distance threshold for face verification; shows which pairs are accepted or rejected."""
import numpy as np

from .base import Panel, float_slider

__all__ = ["face_threshold_panel", "face_threshold_result"]


def face_threshold_result(d, same, threshold):
    """Accuracy, true and false accept rates of 'same person when d <= threshold'."""
    d, same = np.asarray(d, float), np.asarray(same).astype(bool)
    acc = d <= threshold
    r = {"threshold": float(threshold), "accuracy": float((acc == same).mean()),
         "true_accept": float(acc[same].mean()), "false_accept": float(acc[~same].mean())}
    r["summary"] = (f"threshold {threshold:.2f}: accuracy {r['accuracy']:.3f}, same-person pairs accepted "
                    f"{r['true_accept']:.3f}, different-person pairs accepted {r['false_accept']:.3f}")
    return r


def face_threshold_panel(d, same, images_a, images_b, threshold=0.7, show=8):
    """Slider on the squared-distance threshold; draws ``show`` pairs (top: accepted?) and the distance histograms."""
    d, same = np.asarray(d, float), np.asarray(same).astype(bool)
    controls = {"threshold": float_slider("threshold", threshold, 0.05, 2.0, 0.05)}

    def compute(threshold):
        return face_threshold_result(d, same, threshold)

    def draw(result):
        import matplotlib.pyplot as plt
        t = result["threshold"]
        fig = plt.figure(figsize=(10, 4))
        for k in range(show):
            for row, imgs in enumerate((images_a, images_b)):
                ax = fig.add_subplot(3, show, row * show + k + 1)
                ax.imshow(imgs[k])
                ax.axis("off")
            ok = d[k] <= t
            fig.axes[-2].set_title(f"{'accept' if ok else 'reject'} d={d[k]:.2f}\n{'same' if same[k] else 'diff'}",
                                   fontsize=7, color="tab:green" if ok == same[k] else "tab:red")
        ax = fig.add_subplot(3, 1, 3)
        bins = np.linspace(0, max(2.0, d.max()), 40)
        ax.hist(d[same], bins, alpha=0.6, label="same person")
        ax.hist(d[~same], bins, alpha=0.6, label="different people")
        ax.axvline(t, color="k", ls="--", label="threshold")
        ax.set_xlabel("squared L2 distance of embeddings")
        ax.set_ylabel("pairs")
        ax.legend(fontsize=7)
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Face verification threshold")
