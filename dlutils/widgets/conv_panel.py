"""Convolution panel: pick an image, a filter (a preset or a typed 3x3), stride and padding, and see
the feature map.

``conv_feature_map`` is the plain library function the panel calls (unit-tested on its own): it
turns the image to grayscale in [0, 1], runs ``dl.conv_forward`` on the ``(1, n_H, n_W, 1)`` volume
with the ``(f, f, 1, 1)`` filter and returns the map with its shape and a few statistics. Each run
takes a few milliseconds on a 64x64 image, so the panel redraws live.

Layout: images ``(m, n_H, n_W, n_C)`` (uint8 or float), filters ``(f, f)``.
Taught in: c4/01_convolution_step_by_step.
"""
import numpy as np

from .base import Panel, int_slider
from ..nn.conv import conv_forward

__all__ = ["CONV_FILTERS", "parse_filter", "to_gray", "conv_feature_map", "conv_panel"]

CONV_FILTERS = {
    "vertical edge": [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
    "horizontal edge": [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
    "Sobel vertical": [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
    "Sobel horizontal": [[1, 2, 1], [0, 0, 0], [-1, -2, -1]],
    "Scharr vertical": [[3, 0, -3], [10, 0, -10], [3, 0, -3]],
    "Laplacian": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
    "blur (mean)": [[1 / 9] * 3] * 3,
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
}
TYPED = "typed 3x3 (below)"
PADS = [("valid (0)", "valid"), ("1", 1), ("2", 2), ("3", 3), ("same", "same")]


def parse_filter(text):
    """A square filter from text: rows separated by ';' or new lines, numbers by spaces or commas.

    ``"1 0 -1; 2 0 -2; 1 0 -1"`` gives the 3x3 Sobel filter. ValueError (with the format) otherwise.
    """
    if not isinstance(text, str):
        raise ValueError(f"parse_filter: expected text such as '1 0 -1; 2 0 -2; 1 0 -1', got {type(text).__name__}.")
    rows = [r for r in text.replace("\n", ";").split(";") if r.strip()]
    try:
        values = [[float(v) for v in r.replace(",", " ").split()] for r in rows]
    except ValueError:
        raise ValueError(f"parse_filter: could not read numbers from {text!r}; write rows separated by ';', "
                         f"e.g. '1 0 -1; 2 0 -2; 1 0 -1'.") from None
    n = len(values)
    if n == 0 or any(len(r) != n for r in values):
        raise ValueError(f"parse_filter: a filter is square (f rows of f numbers); got rows of lengths "
                         f"{[len(r) for r in values]} from {text!r}.")
    return np.array(values)


def to_gray(image):
    """``(n_H, n_W, 3)`` or ``(n_H, n_W)`` image (uint8 0-255 or float) as float grayscale in [0, 1]."""
    img = np.asarray(image, dtype=np.float64)
    if img.ndim == 3:
        img = img @ np.array([0.299, 0.587, 0.114]) if img.shape[2] == 3 else img.mean(axis=2)
    if img.ndim != 2:
        raise ValueError(f"to_gray: expected one image (n_H, n_W, n_C) or (n_H, n_W), got shape {img.shape}.")
    return img / 255.0 if np.asarray(image).dtype == np.uint8 or img.max() > 1.0 else img


def conv_feature_map(image, kernel, stride=1, pad="valid"):
    """Convolve one image (grayscale) with one filter; return a dict with ``feature_map``
    ``(n_H, n_W)``, ``gray``, ``kernel``, ``shape``, ``stride``, ``pad``, ``mean_abs`` and a ``summary``."""
    gray = to_gray(image)
    kernel = np.asarray(kernel, dtype=np.float64)
    if kernel.ndim != 2 or kernel.shape[0] != kernel.shape[1]:
        raise ValueError(f"conv_feature_map: the filter must be square (f, f), got shape {kernel.shape}.")
    f = kernel.shape[0]
    Z, _ = conv_forward(gray[None, :, :, None], kernel.reshape(f, f, 1, 1), np.zeros((1, 1, 1, 1)),
                        {"stride": stride, "pad": pad})
    fmap = Z[0, :, :, 0]
    mean_abs = float(np.mean(np.abs(fmap)))
    summary = (f"{gray.shape[0]}x{gray.shape[1]} image, {f}x{f} filter, stride {stride}, pad {pad!r}: "
               f"feature map {fmap.shape[0]}x{fmap.shape[1]}, mean |z| = {mean_abs:.3f}")
    return {"feature_map": fmap, "gray": gray, "kernel": kernel, "shape": fmap.shape, "stride": stride,
            "pad": pad, "mean_abs": mean_abs, "summary": summary}


def conv_panel(images, labels=None, *, index=0, filter_name="vertical edge", stride=1, pad="valid",
               typed="1 0 -1; 2 0 -2; 1 0 -1"):
    """Build the panel over ``images`` ``(m, n_H, n_W, n_C)``; ``labels`` (optional) titles them.

    Controls: ``index`` (which image), ``filter`` (a preset of ``CONV_FILTERS`` or the typed one),
    ``typed`` (the 3x3 text), ``stride`` (1-4), ``pad``. ``panel.result`` keeps the last map.
    """
    import ipywidgets as widgets
    images = np.asarray(images)
    if images.ndim != 4:
        raise ValueError(f"conv_panel: images must be (m, n_H, n_W, n_C), got shape {images.shape}; "
                         f"for one image use images[None].")
    style, layout = {"description_width": "110px"}, widgets.Layout(width="340px")
    controls = {
        "index": int_slider("image", index, 0, len(images) - 1),
        "filter_name": widgets.Dropdown(options=list(CONV_FILTERS) + [TYPED], value=filter_name,
                                        description="filter", style=style, layout=layout),
        "typed": widgets.Text(value=typed, description="typed 3x3", continuous_update=False,
                              style=style, layout=layout),
        "stride": int_slider("stride", stride, 1, 4),
        "pad": widgets.Dropdown(options=PADS, value=pad, description="pad", style=style, layout=layout),
    }

    def compute(index, filter_name, typed, stride, pad):
        kernel = parse_filter(typed) if filter_name == TYPED else np.array(CONV_FILTERS[filter_name], float)
        result = conv_feature_map(images[index], kernel, stride, pad)
        result.update(index=index, filter_name=filter_name)
        return result

    def draw(result):
        import matplotlib.pyplot as plt
        # image | filter | feature map: the filter gets its own small axes (its numbers used to sit
        # between the two pictures, over the feature map's axis label)
        fig, (ax_i, ax_k, ax_z) = plt.subplots(1, 3, figsize=(9.4, 3.6),
                                               gridspec_kw={"width_ratios": [1, 0.55, 1.2]})
        title = f"image {result['index']}" + (f" (label {labels[result['index']]})" if labels is not None else "")
        ax_i.imshow(result["gray"], cmap="gray", vmin=0, vmax=1)
        ax_i.set_title(title, fontsize=10)
        k = result["kernel"]
        klim = max(float(np.max(np.abs(k))), 1e-12)
        ax_k.imshow(k, cmap="RdBu_r", vmin=-klim, vmax=klim)
        for (r, c), v in np.ndenumerate(k):
            ax_k.text(c, r, f"{v:.2g}", ha="center", va="center", fontsize=9 if k.shape[0] <= 3 else 7.5,
                      color="white" if abs(v) > 0.6 * klim else "black")
        ax_k.set_xticks([])
        ax_k.set_yticks([])
        ax_k.set_title(f"filter: {result['filter_name']}", fontsize=9)
        ax_k.set_xlabel(f"stride {result['stride']}, pad {result['pad']!r}", fontsize=9)
        fm = result["feature_map"]
        lim = max(float(np.max(np.abs(fm))), 1e-12)
        im = ax_z.imshow(fm, cmap="RdBu_r", vmin=-lim, vmax=lim)
        ax_z.set_title(f"feature map {fm.shape[0]}x{fm.shape[1]}", fontsize=10)
        fig.colorbar(im, ax=ax_z, fraction=0.046, pad=0.03).set_label("z (red +, blue -)", fontsize=9)
        for ax in (ax_i, ax_z):
            ax.set_xlabel("column")
            ax.set_ylabel("row")
        fig.tight_layout()

    return Panel(controls, compute, draw, title="Convolution: one image, one filter")
