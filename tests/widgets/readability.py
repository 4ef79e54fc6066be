"""What "a panel reads well" means for its figure, measured headless (no browser needed).

JupyterLab at 1400x1000 gives a panel's Output 964 px (measured in headless Chromium); the inline
backend draws a figure at its dpi with ``bbox_inches="tight"``, and a wider picture is shrunk to fit,
text included. ``assert_readable`` checks that a panel's figure fits that column (so it is shown
at full size) and that its smallest text is still at least 10.5 px high once shown (7.5 pt at 100
dpi, unshrunk): the 6-7 pt labels of a 12-inch figure used to end up about 6 px high.
``colour_meanings`` and ``assert_one_meaning_per_colour`` catch a colour that stands for two
different things in neighbouring plots of one figure.
"""
import matplotlib.colors as mcolors
from matplotlib.text import Text

COLUMN_PX = 964
MIN_TEXT_PX = 10.5


def shown_width_px(fig, tight=True):
    """The width of the PNG the notebook gets (tight bounding box, as the inline backend saves it)."""
    fig.canvas.draw()
    if not tight:
        return fig.get_figwidth() * fig.dpi
    pad = 2 * 0.1   # the inline backend's pad_inches on each side
    return (fig.get_tightbbox(fig.canvas.get_renderer()).width + pad) * fig.dpi


def visible_texts(fig):
    fig.canvas.draw()
    out = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip() and t.get_figure() is not None:
            out.append(t)
    return out


def smallest_text_px(fig, tight=True):
    """``(pixels, text)`` of the smallest visible text as shown in the notebook column."""
    scale = min(1.0, COLUMN_PX / shown_width_px(fig, tight))
    sizes = [(t.get_fontsize() * fig.dpi / 72 * scale, t.get_text()) for t in visible_texts(fig)]
    return min(sizes)


def assert_readable(fig, what, tight=True, min_px=MIN_TEXT_PX):
    width = shown_width_px(fig, tight)
    assert width <= COLUMN_PX + 12, f"{what}: the figure is {width:.0f} px wide, shrunk to fit {COLUMN_PX} px"
    px, text = smallest_text_px(fig, tight)
    assert px >= min_px, f"{what}: text {text!r} is {px:.1f} px high in the notebook (at least {min_px})"


def _handle_colour(handle):
    """The colour a legend handle shows: a line's colour, a marker's face, a patch's face (its edge
    when unfilled), a scatter's face."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    if isinstance(handle, Line2D):
        return handle.get_markerfacecolor() if handle.get_linestyle() in ("None", "", " ") else handle.get_color()
    if isinstance(handle, Patch):
        return handle.get_facecolor() if handle.get_fill() else handle.get_edgecolor()
    if hasattr(handle, "get_facecolor"):
        c = handle.get_facecolor()
        return c[0] if len(c) else None
    return None


def colour_meanings(fig):
    """Colour (hex) -> the set of legend labels it has anywhere in the figure (black, white, greys
    and transparent colours are left out: they are used for many things by design)."""
    meanings = {}
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None] + list(fig.legends)
    for leg in legends:
        for handle, text in zip(leg.legend_handles, leg.get_texts()):
            c = _handle_colour(handle)
            if c is None:
                continue
            r, g, b, a = mcolors.to_rgba(c)
            if a == 0 or max(r, g, b) - min(r, g, b) < 0.05:
                continue
            meanings.setdefault(mcolors.to_hex((r, g, b)), set()).add(text.get_text())
    return meanings


def _unrelated(a, b):
    """Two labels of one colour with no word in common ("model output" and "precision") mean two
    things; "train, class 0" and "test, class 0" share their meaning, the class."""
    words = lambda s: {w for w in s.lower().replace(",", " ").replace("(", " ").replace(")", " ").split() if len(w) > 1}
    return not (words(a) & words(b))


def assert_one_meaning_per_colour(fig, what):
    clashes = {c: sorted(m) for c, m in colour_meanings(fig).items()
               if any(_unrelated(a, b) for a in m for b in m if a < b)}
    assert not clashes, f"{what}: one colour means different things: {clashes}"
