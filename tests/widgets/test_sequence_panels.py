"""The c5/02 temperature panel and the c5/03 melody panel: draw at defaults, resample when a
slider moves, keep the result, move the metrics the right way, show errors instead of raising."""
import warnings

import numpy as np
import pytest

import dlutils as dl

pytest.importorskip("ipywidgets")


@pytest.fixture(autouse=True)
def _quiet_agg_show():
    import matplotlib
    matplotlib.use("Agg")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*non-interactive.*", category=UserWarning)
        yield


@pytest.fixture(scope="module")
def name_model():
    names = dl.load_names()[::4]
    vocab = dl.Vocabulary(names, extra=["\n"])
    rng = np.random.default_rng(0)
    p = dl.init_lm(vocab.size, 24, rng)
    dl.fit_lm(p, names, vocab, rng, num_steps=300, mini_batch_size=32, learning_rate=0.02)
    return p, vocab, names


@pytest.fixture(scope="module")
def melody_model():
    pieces = [p[:-1] for p in dl.load_melodies()[:200]]
    vocab = dl.Vocabulary(pieces, extra=["<end>"])
    rng = np.random.default_rng(0)
    p = dl.init_lm(vocab.size, 24, rng, cell="lstm")
    dl.fit_lm(p, pieces, vocab, rng, num_steps=120, mini_batch_size=32, learning_rate=0.02,
              clip=5.0, clip_kind="norm", end="<end>")
    return p, vocab


def test_temperature_result_is_reproducible_and_scored(name_model):
    p, vocab, names = name_model
    a = dl.widgets.temperature_result(p, vocab, temperature=1.0, n=8, seed=3, known=names)
    b = dl.widgets.temperature_result(p, vocab, temperature=1.0, n=8, seed=3, known=names)
    assert a["samples"] == b["samples"] and len(a["samples"]) == 8
    assert 0 <= a["novel"] <= 1 and np.isfinite(a["nll"]) and a["first_char"].sum() == pytest.approx(1)
    assert "temperature 1.00" in a["summary"]


def test_temperature_panel_draws_and_moves_the_right_way(name_model):
    p, vocab, names = name_model
    panel = dl.widgets.temperature_panel(p, vocab, temperature=1.0, n=16, seed=0, known=names)
    assert panel.result is not None and "error" not in panel.result and panel.result["temperature"] == 1.0
    at_1 = panel.result
    panel.controls["temperature"].value = 0.2
    cold = panel.result
    panel.controls["temperature"].value = 2.5
    hot = panel.result
    assert cold["temperature"] == 0.2 and hot["temperature"] == 2.5
    assert cold["nll"] < at_1["nll"] < hot["nll"]
    assert cold["first_char"].max() > at_1["first_char"].max() > hot["first_char"].max()
    assert len(panel.history) == 3
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    assert_readable(plt.gcf(), "temperature panel")


def test_melody_panel_metrics_follow_temperature_and_length(melody_model):
    p, vocab = melody_model
    panel = dl.widgets.melody_panel(p, vocab, temperature=1.0, length=45, n=24, seed=0, audio=False)
    r = panel.result
    assert "error" not in r and set(r["metrics"]) == {"in_key", "tonic_ending", "full_bars"}
    assert r["wave"].ndim == 1 and np.abs(r["wave"]).max() <= 0.9 + 1e-12 and r["rate"] == 8000
    panel.controls["temperature"].value = 0.3
    cold = panel.result["metrics"]
    panel.controls["temperature"].value = 2.0
    hot = panel.result["metrics"]
    assert cold["in_key"] > hot["in_key"]
    panel.controls["length"].value = 10
    assert max(len(x) for x in panel.result["pieces"]) <= 10


def test_melody_panel_shows_errors_instead_of_raising(melody_model):
    p, vocab = melody_model
    broken = dict(p)
    broken["Wy"] = broken["Wy"][:, :3]                  # wrong head shape
    panel = dl.widgets.melody_panel(broken, vocab, audio=False)
    assert "error" in panel.result and "&#9888;" in panel.status.value
