"""The Transformer attention panel (c5/08): draws at defaults, keeps its result, clamps layer/head."""
import numpy as np
import pytest

import dlutils as dl

pytest.importorskip("ipywidgets")


def test_result_and_panel():
    from dlutils.widgets import transformer_attention_panel, transformer_attention_result
    cfg = dl.TransformerConfig(vocab_in=len(dl.HUMAN_VOCAB) + 1, vocab_out=dl.DATE_START + 1, d_model=8,
                               num_heads=2, d_ff=8, n_enc=1, n_dec=1, max_len=32)
    p = dl.init_transformer(cfg, np.random.default_rng(0))
    r = transformer_attention_result("3 feb 2014", p, cfg, layer=5, head=7)
    assert r["layer"] == 0 and r["head"] == 1 and r["attention"].shape == (10, 10)
    assert np.allclose(r["attention"].sum(1), 1) and len(r["translation"]) == 10
    panel = transformer_attention_panel(p, cfg, text="08 sep 1999")
    assert "error" not in panel.result
    r2 = panel.set_values(text="9/3/74", head=0)
    assert r2["text"] == "9/3/74" and r2["head"] == 0


def test_attention_map_has_a_colour_scale():
    import matplotlib.pyplot as plt
    from dlutils.widgets import transformer_attention_panel
    from tests.widgets.readability import assert_readable
    cfg = dl.TransformerConfig(vocab_in=len(dl.HUMAN_VOCAB) + 1, vocab_out=dl.DATE_START + 1, d_model=8,
                               num_heads=2, d_ff=8, n_enc=1, n_dec=1, max_len=32)
    transformer_attention_panel(dl.init_transformer(cfg, np.random.default_rng(0)), cfg, text="08 sep 1999")
    fig = plt.gcf()
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "attention weight"
    assert fig.axes[0].get_xticklabels()[2].get_text() == "\u2423"
    assert_readable(fig, "transformer panel")
