"""c4/08 panel: alpha, beta and layer weights of style transfer on a fast 16x16 preview."""
import numpy as np

from .base import Panel, float_slider, log_slider

__all__ = ["style_transfer_panel", "style_transfer_result"]


def _small(x):
    return x.reshape(16, 2, 16, 2, 3).mean(axis=(1, 3))


def style_transfer_result(net, content, style, alpha, beta, w1, w2, w3, iterations=40):
    """Run a short style transfer at 16x16; costs and the image."""
    from ..vision.style import style_transfer
    w = np.array([w1, w2, w3], float)
    w = w / max(w.sum(), 1e-12)
    G, h = style_transfer(net, _small(content), _small(style), np.random.default_rng(0), alpha=alpha,
                          beta=beta, style_weights=tuple(w), num_iterations=iterations, learning_rate=0.05)
    r = {"alpha": alpha, "beta": beta, "weights": w.tolist(), "image": G,
         "content_cost": float(h["J_content"][-1]), "style_cost": float(h["J_style"][-1]),
         "style_fall": float(h["J_style"][0] / h["J_style"][-1])}
    r["summary"] = (f"alpha {alpha:g}, beta {beta:g}: content cost {r['content_cost']:.2e}, style cost "
                    f"{r['style_cost']:.2e} ({r['style_fall']:.1f}x lower)")
    return r


def style_transfer_panel(net, content, style, alpha=10.0, beta=400.0):
    controls = {"alpha": log_slider("alpha", alpha, 0.1, 1000, ".1f"),
                "beta": log_slider("beta", beta, 1, 100000, ".0f"),
                "w1": float_slider("weight block 1", 0.4, 0, 1, 0.1),
                "w2": float_slider("weight block 2", 0.3, 0, 1, 0.1),
                "w3": float_slider("weight block 3", 0.3, 0, 1, 0.1)}

    def compute(alpha, beta, w1, w2, w3):
        return style_transfer_result(net, content, style, alpha, beta, w1, w2, w3)

    def draw(result):
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(1, 3, figsize=(8, 3))
        for a, im, t in zip(ax, (content, style, result["image"]), ("content", "style", "preview 16x16")):
            a.imshow(im)
            a.set_title(t)
            a.axis("off")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Style transfer: alpha, beta, layer weights")
