"""Threshold panel for trigger-word detection: move the decision threshold and see the
detections on one dev clip, the per-step precision / recall / F1 on the whole dev set and the
false alarms on the clips without the trigger. Nothing is retrained: the panel re-thresholds
the model's stored per-step probabilities. Taught in: c5_sequence_models/04_trigger_word_detection.
"""
import numpy as np

from ..audio.trigger import N_ONES, detections, false_alarms, per_step_scores
from .base import Panel, float_slider, int_slider

__all__ = ["trigger_threshold_result", "trigger_threshold_panel"]


def trigger_threshold_result(probs, Y, threshold, example=0, refractory=N_ONES):
    """Scores of ``probs (1, m, T_y)`` against labels ``Y`` at ``threshold`` (plain library code):
    per-step precision/recall/F1, false alarms on trigger-free clips, detections on ``example``."""
    probs, Y = np.asarray(probs), np.asarray(Y)
    if probs.shape != Y.shape or probs.ndim != 3:
        raise ValueError(f"trigger_threshold_result: probs {probs.shape} and Y {Y.shape} must both be (1, m, T_y).")
    s = per_step_scores(probs > threshold, Y)
    fa, n_free = false_alarms(probs, Y, threshold, refractory)
    onsets = detections(probs[0, example], threshold, refractory)
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    summary = (f"threshold {threshold:.2f}: F1 {s['f1']:.3f}, {fa} false alarms\n"
               f"per-step precision {s['precision']:.3f}, recall {s['recall']:.3f}; "
               f"false alarms counted on the {n_free} dev clips without the trigger")
    return {"threshold": float(threshold), "example": int(example), "precision": s["precision"],
            "recall": s["recall"], "f1": s["f1"], "false_alarms": fa, "clips_without_trigger": n_free,
            "detections": onsets, "summary": summary}


def trigger_threshold_panel(probs, Y, threshold=0.5, example=0, sample_rate=8000, seconds=3.0):
    """Build the panel (sliders: threshold, which dev clip). ``panel.result`` holds the last scores."""
    probs, Y = np.asarray(probs), np.asarray(Y)
    grid = np.round(np.arange(0.05, 0.951, 0.05), 2)
    curve = np.array([[v for v in (lambda s: (s["precision"], s["recall"], s["f1"]))(per_step_scores(probs > g, Y))]
                      for g in grid])
    controls = {"threshold": float_slider("threshold", threshold, 0.05, 0.95, 0.05),
                "example": int_slider("dev clip", example, 0, probs.shape[1] - 1)}

    def compute(threshold, example):
        return trigger_threshold_result(probs, Y, threshold, example)

    def draw(result):
        import matplotlib.pyplot as plt
        T_y = probs.shape[2]
        t = (np.arange(T_y) + 0.5) * seconds / T_y
        fig, (ax, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.2))
        i = result["example"]
        ax.fill_between(t, 0, Y[0, i], step="mid", color="tab:green", alpha=0.25, label="label y = 1")
        ax.plot(t, probs[0, i], color="tab:blue", label="model output")
        ax.axhline(result["threshold"], color="tab:red", ls="--", label="threshold")
        for k, onset in enumerate(result["detections"]):
            ax.axvline(t[onset], color="tab:orange", lw=2, label="chime" if k == 0 else None)
        ax.set_ylim(-0.02, 1.02)
        ax.set_xlabel("time (s)")
        ax.set_ylabel("P(trigger just ended)")
        ax.set_title(f"dev clip {i}: {len(result['detections'])} detection(s)")
        ax.legend(loc="upper left", fontsize=8)
        # colours the clip plot beside it does not use (blue there is the model output, orange the chime)
        for k, (name, colour) in enumerate((("precision", "tab:purple"), ("recall", "tab:brown"), ("F1", "k"))):
            ax2.plot(grid, curve[:, k], color=colour, lw=2 if name == "F1" else 1.5, label=name)
        ax2.axvline(result["threshold"], color="tab:red", ls="--")
        ax2.set_xlabel("threshold")
        ax2.set_ylabel("per-step score (dev)")
        ax2.set_ylim(0, 1.02)
        ax2.set_title(f"F1 {result['f1']:.3f}, false alarms {result['false_alarms']}")
        ax2.legend(loc="lower center", fontsize=8)
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Trigger-word detection threshold")
