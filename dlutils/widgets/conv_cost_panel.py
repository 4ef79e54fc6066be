"""c4/04's panel: the multiplies of one conv layer, with a 1x1 bottleneck, and depthwise separable.

Layout: one example's volumes ``(n_H, n_W, n_C)``. ``conv_costs`` is the work (plain arithmetic
through the layers' own ``count``; tested in tests/widgets/test_conv_cost_panel.py): for an
``n_H x n_W x n_C_prev`` input and ``n_C`` filters of size ``f x f`` ("same" padding, stride 1)
it returns the multiplies of

- the standard convolution ``n_H n_W n_C f^2 n_C_prev``,
- a 1x1 bottleneck to ``n_bottleneck`` channels followed by the ``f x f`` convolution
  (the inception trick: ``n_H n_W n_b n_C_prev + n_H n_W n_C f^2 n_b``),
- a depthwise ``f x f`` convolution followed by a 1x1 pointwise one (MobileNet:
  ``n_H n_W n_C_prev f^2 + n_H n_W n_C n_C_prev``, a fraction ``1/n_C + 1/f^2`` of the standard).

``conv_cost_panel`` draws them as bars (linear, from 0) with sliders for every size. Taught in:
c4/04_efficient_networks_and_transfer_learning.
"""
from ..nn.conv_layers import Conv2D
from ..nn.depthwise import DepthwiseConv2D
from .base import Panel, int_slider

__all__ = ["conv_costs", "conv_cost_panel"]


def _m(v):
    return f"{v / 1e6:.2f} M" if v >= 100_000 else f"{v:,}"


def conv_costs(n_H=28, n_W=28, n_C_prev=192, n_C=32, f=5, n_bottleneck=16):
    """Multiplies of the three ways to map ``(n_H, n_W, n_C_prev)`` to ``(n_H, n_W, n_C)``; a dict."""
    shape = (int(n_H), int(n_W), int(n_C_prev))
    standard = Conv2D(n_C, f).count(shape)[2]
    _, reduced, reduce_cost = Conv2D(n_bottleneck, 1).count(shape)
    bottleneck = reduce_cost + Conv2D(n_C, f).count(reduced)[2]
    _, same, dw_cost = DepthwiseConv2D(f).count(shape)
    depthwise = dw_cost + Conv2D(n_C, 1).count(same)[2]
    return {"standard": standard, "bottleneck": bottleneck, "depthwise_separable": depthwise,
            "bottleneck_ratio": bottleneck / standard, "depthwise_ratio": depthwise / standard,
            # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
            "summary": (f"standard {_m(standard)}, 1x1 bottleneck {_m(bottleneck)} "
                        f"({100 * bottleneck / standard:.1f} %), depthwise separable {_m(depthwise)} "
                        f"({100 * depthwise / standard:.1f} %)\n"
                        f"{n_H}x{n_W}x{n_C_prev} -> {n_H}x{n_W}x{n_C} with {f}x{f} filters; "
                        f"bottleneck of {n_bottleneck} channels")}


def _draw(result):
    import matplotlib.pyplot as plt
    names = ["standard", "bottleneck", "depthwise_separable"]
    values = [result[k] for k in names]
    fig, ax = plt.subplots(figsize=(7, 3.2))
    # a linear axis from 0: a bar twice as long costs twice as much (a log axis hid the ratios)
    bars = ax.barh(["standard conv", "1x1 bottleneck + conv", "depthwise + pointwise"],
                   [v / 1e6 for v in values], color=["#888", "#1f77b4", "#2ca02c"])
    for b, v in zip(bars, values):
        ax.text(v / 1e6, b.get_y() + b.get_height() / 2, f" {_m(v)} ({100 * v / values[0]:.1f} %)", va="center")
    ax.set_xlabel("multiplies per example (millions; % of the standard conv)")
    ax.set_xlim(0, max(values) / 1e6 * 1.45)
    fig.tight_layout()


def conv_cost_panel(n_H=28, n_C_prev=192, n_C=32, f=5, n_bottleneck=16):
    """Sliders for the sizes; the bars and the status line update on release. ``panel.result``
    holds the counts (``standard``, ``bottleneck``, ``depthwise_separable`` and the ratios)."""
    controls = {
        "n_H": int_slider("n_H = n_W", n_H, 4, 64, 4),
        "n_C_prev": int_slider("input channels", n_C_prev, 8, 512, 8),
        "n_C": int_slider("output channels", n_C, 8, 512, 8),
        "f": int_slider("filter size f", f, 1, 7, 2),
        "n_bottleneck": int_slider("bottleneck", n_bottleneck, 4, 128, 4),
    }

    def compute(n_H, n_C_prev, n_C, f, n_bottleneck):
        return conv_costs(n_H, n_H, n_C_prev, n_C, f, n_bottleneck)

    return Panel(controls, compute, _draw, title="What a conv layer costs")
