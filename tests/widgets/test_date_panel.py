"""The live date translation panel (c5/07): draws at defaults, keeps its result, maps unknown characters to <unk>."""
import numpy as np
import pytest

import dlutils as dl

pytest.importorskip("ipywidgets")


def _model():
    cfg = dl.Seq2SeqConfig(V_h=len(dl.HUMAN_VOCAB), V_m=11, n_a=4, n_s=6, n_e=3, feed_previous=True)
    return dl.init_seq2seq(cfg, np.random.default_rng(0)), cfg


def test_result_and_panel():
    from dlutils.widgets import date_translation_panel, translate_date_result
    p, cfg = _model()
    r = translate_date_result("3 Feb 2014 ?!", p, cfg, beam_width=3)
    assert len(r["greedy"]) == 10 and len(r["beam"]) == 10
    assert r["beam_log_prob"] >= r["greedy_log_prob"] - 1e-9
    assert r["alphas"].shape == (10, len("3 feb 2014 ?!")) and np.allclose(r["alphas"].sum(1) <= 1 + 1e-9, True)
    panel = date_translation_panel(p, cfg, text="08 sep 1999", beam_width=2)
    assert panel.result["text"] == "08 sep 1999" and "error" not in panel.result
    r2 = panel.set_values(text="9/3/74", beam_width=1)
    assert r2["text"] == "9/3/74" and r2["beam"] == r2["greedy"]     # beam width 1 is greedy


def test_attention_map_has_a_colour_scale_and_visible_spaces():
    import matplotlib.pyplot as plt
    from dlutils.widgets import date_translation_panel
    from tests.widgets.readability import assert_readable
    p, cfg = _model()
    date_translation_panel(p, cfg, text="08 sep 1999", beam_width=2)
    fig = plt.gcf()
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "attention weight", "a colour bar says what colour means"
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks[2] == "\u2423" and "" not in ticks, "a space in the input is shown, not left blank"
    assert_readable(fig, "date panel")
