"""c4/08 panel: alpha, beta and layer weights of style transfer on a fast preview.

The preview runs ``dl.style_transfer`` at 32x32 for 60 Adam steps (about 0.1-0.2 s): at 16x16 the
stripes and strokes of the style textures are finer than the feature net's filters, and every
setting gave the same coloured noise. Content and style are shown at the preview's size, so the
three pictures compare like for like. Taught in: c4_convolutional_neural_networks/08_neural_style_transfer.
"""
import numpy as np

from .base import Panel, float_slider, log_slider

__all__ = ["style_transfer_panel", "style_transfer_result"]


def _preview(x, size):
    """Block-average an image ``(n, n, 3)`` down by whole factors until it is at most ``size`` pixels."""
    x = np.asarray(x, float)
    while x.shape[0] > size and x.shape[0] % 2 == 0 and x.shape[1] % 2 == 0:
        x = x.reshape(x.shape[0] // 2, 2, x.shape[1] // 2, 2, x.shape[2]).mean(axis=(1, 3))
    return x


def style_transfer_result(net, content, style, alpha, beta, w1, w2, w3, iterations=60, size=32):
    """Run a short style transfer on ``size``-pixel previews; costs and the image."""
    from ..vision.style import style_transfer
    w = np.array([w1, w2, w3], float)
    w = w / max(w.sum(), 1e-12)
    G, h = style_transfer(net, _preview(content, size), _preview(style, size), np.random.default_rng(0),
                          alpha=alpha, beta=beta, style_weights=tuple(w), num_iterations=iterations,
                          learning_rate=0.03)
    r = {"alpha": alpha, "beta": beta, "weights": w.tolist(), "image": G,
         "content_cost": float(h["J_content"][-1]), "style_cost": float(h["J_style"][-1]),
         "style_fall": float(h["J_style"][0] / h["J_style"][-1])}
    # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
    r["summary"] = (f"style cost {r['style_fall']:.1f}x lower after {iterations} steps\n"
                    f"alpha {alpha:g}, beta {beta:g}: content cost {r['content_cost']:.2e}, style cost "
                    f"{r['style_cost']:.2e}")
    return r


def style_transfer_panel(net, content, style, alpha=10.0, beta=400.0, iterations=60, size=32):
    """Sliders for alpha, beta and the three style-layer weights; redraws content, style, preview."""
    controls = {"alpha": log_slider("alpha", alpha, 0.1, 1000, ".1f"),
                "beta": log_slider("beta", beta, 1, 100000, ".0f"),
                "w1": float_slider("weight block 1", 0.4, 0, 1, 0.1),
                "w2": float_slider("weight block 2", 0.3, 0, 1, 0.1),
                "w3": float_slider("weight block 3", 0.3, 0, 1, 0.1)}
    shown_content, shown_style = _preview(content, size), _preview(style, size)

    def compute(alpha, beta, w1, w2, w3):
        return style_transfer_result(net, content, style, alpha, beta, w1, w2, w3, iterations, size)

    def draw(result):
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(1, 3, figsize=(8, 3))
        n = result["image"].shape[0]
        titles = (f"content C ({n}x{n})", f"style S ({n}x{n})", f"generated G, {iterations} steps")
        for a, im, t in zip(ax, (shown_content, shown_style, result["image"]), titles):
            a.imshow(im, interpolation="nearest")
            a.set_title(t, fontsize=10)
            a.axis("off")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Style transfer: alpha, beta, layer weights")
