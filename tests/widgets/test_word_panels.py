"""The c5/05 neighbours panel and the c5/06 sentence panel: draw at defaults, follow the controls."""
import numpy as np
import pytest

import dlutils as dl

pytest.importorskip("ipywidgets")


def test_neighbours_panel_follows_the_word_and_reports_unknown_words():
    rng = np.random.default_rng(0)
    E = rng.normal(size=(4, 6))
    E[:, 1] = E[:, 0] * 2 + 0.01
    wv = dl.WordVectors(E, ["a", "b", "c", "d", "e", "f"])
    panel = dl.widgets.neighbours_panel(wv, word="a", k=3)
    assert panel.result["neighbours"][0][0] == "b"
    panel.controls["word"].value = "c"
    assert panel.result["word"] == "c" and len(panel.result["neighbours"]) == 3
    panel.controls["word"].value = "zebra"
    assert panel.result["neighbours"] == [] and "error" not in panel.result


def test_sentence_panel_shows_each_model():
    models = {"first": lambda s: np.array([0.9, 0.1]) if "joy" in s else np.array([0.2, 0.8]),
              "second": lambda s: np.array([0.5, 0.5])}
    panel = dl.widgets.sentence_panel(models, ["joy", "sadness"], sentence="joy")
    assert panel.result["predictions"]["first"] == "joy"
    panel.controls["sentence"].value = "sorrow"
    assert panel.result["predictions"]["first"] == "sadness" and set(panel.result["probs"]) == {"first", "second"}


def test_bars_carry_their_values():
    """Bars from 0 hid a 0.01 difference between close neighbours: each bar is labelled."""
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    rng = np.random.default_rng(0)
    wv = dl.WordVectors(rng.normal(size=(4, 6)), ["a", "b", "c", "d", "e", "f"])
    panel = dl.widgets.neighbours_panel(wv, word="a", k=3)
    ax = plt.gcf().axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert labels[::-1] == [f"{s:.3f}" for _, s in panel.result["neighbours"]]
    assert_readable(plt.gcf(), "neighbours panel")
    models = {"first": lambda s: np.array([0.9, 0.1]), "second": lambda s: np.array([0.5, 0.5])}
    dl.widgets.sentence_panel(models, ["joy", "sadness"], sentence="joy")
    assert {"0.90", "0.10", "0.50"} <= {t.get_text() for t in plt.gcf().axes[0].texts}
