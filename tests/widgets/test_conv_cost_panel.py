"""conv_costs (the counts behind the c4/04 panel) and the panel, driven from code."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.widgets.conv_cost_panel import conv_costs


def test_conv_costs_lecture_figures():
    c = conv_costs(28, 28, 192, 32, 5, 16)
    assert c["standard"] == 28 * 28 * 32 * 5 * 5 * 192 == 120_422_400
    assert c["bottleneck"] == 28 * 28 * 16 * 192 + 28 * 28 * 32 * 5 * 5 * 16 == 12_443_648
    assert c["depthwise_separable"] == 28 * 28 * 192 * 25 + 28 * 28 * 32 * 192


@pytest.mark.parametrize("n_H, n_C_prev, n_C, f", [(4, 3, 5, 3), (14, 256, 512, 3), (7, 64, 10, 5)])
def test_depthwise_ratio_is_one_over_n_C_plus_one_over_f_squared(n_H, n_C_prev, n_C, f):
    c = conv_costs(n_H, n_H, n_C_prev, n_C, f, 8)
    assert np.isclose(c["depthwise_ratio"], 1 / n_C + 1 / f ** 2, rtol=1e-12)


def test_conv_cost_panel_driven_from_code():
    pytest.importorskip("ipywidgets")
    panel = dl.widgets.conv_cost_panel()
    assert panel.result["standard"] == 120_422_400 and "error" not in panel.result
    panel.controls["n_bottleneck"].value = 64
    assert panel.result["bottleneck"] == 28 * 28 * 64 * 192 + 28 * 28 * 32 * 25 * 64
    panel.controls["f"].value = 3
    assert np.isclose(panel.result["depthwise_ratio"], 1 / 32 + 1 / 9)


def test_bars_are_to_scale_and_carry_their_share():
    """A log axis made 7 % of the standard cost look like a third of it: the axis is linear from 0
    and each bar says its share of the standard convolution."""
    pytest.importorskip("ipywidgets")
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    panel = dl.widgets.conv_cost_panel()
    ax = plt.gcf().axes[0]
    assert ax.get_xscale() == "linear" and ax.get_xlim()[0] == 0
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths[-1] == pytest.approx(panel.result["standard"] / 1e6)
    assert any(f"({100 * panel.result['bottleneck_ratio']:.1f} %)" in t.get_text() for t in ax.texts)
    assert_readable(plt.gcf(), "conv cost panel")
    assert panel.result["summary"].count("\n") == 1 and all(len(s) <= 100 for s in panel.result["summary"].split("\n"))
