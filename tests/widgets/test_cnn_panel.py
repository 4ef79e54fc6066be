"""train_small_cnn (the work behind the c4/02 panel) and the panel itself, driven from code."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.widgets.cnn_panel import small_cnn, train_small_cnn


def _stripes(rng, m=48, n=8):
    """Images (m, n, n, 1) with vertical (label 0) or horizontal (label 1) stripes plus noise."""
    y = np.arange(m) % 2
    base = ((np.arange(n) // 2) % 2).astype(float)
    X = np.where(y[:, None, None] == 0, base[None, None, :], base[None, :, None])
    X = X + 0.3 * rng.standard_normal((m, n, n))
    return X[..., None], y.reshape(1, -1)


def test_small_cnn_has_the_documented_layers():
    model = small_cnn((8, 8, 3), 6, n_filters=4, f=3, rng=np.random.default_rng(0))
    assert [l.kind for l in model.layers][:4] == ["Conv2D", "MaxPool2D", "Conv2D", "MaxPool2D"]
    assert model.params["conv1_W"].shape == (3, 3, 3, 4) and model.params["conv2_W"].shape == (3, 3, 4, 8)
    assert model.params["W1"].shape == (6, 2 * 2 * 8)


def test_train_small_cnn_learns_is_deterministic_and_reports_progress():
    rng = np.random.default_rng(1)
    X, Y = _stripes(rng)
    Xt, Yt = _stripes(rng, m=20)
    seen = []
    a = train_small_cnn(X, Y, Xt, Yt, n_filters=4, f=3, learning_rate=0.01, num_epochs=10, seed=3,
                        progress=lambda e, total, h: seen.append((e, total)))
    b = train_small_cnn(X, Y, Xt, Yt, n_filters=4, f=3, learning_rate=0.01, num_epochs=10, seed=3)
    assert seen == [(e, 10) for e in range(1, 11)], "one progress call per epoch"
    assert a["cost"] == b["cost"] and a["test_acc"] == b["test_acc"]
    assert a["train_acc"] >= 90 and a["test_acc"] >= 85, "stripes are easy for a CNN"
    tiny = train_small_cnn(X, Y, Xt, Yt, n_filters=4, f=3, learning_rate=1e-5, num_epochs=10, seed=3)
    assert tiny["train_acc"] < a["train_acc"]


def test_train_small_cnn_bad_input():
    rng = np.random.default_rng(0)
    X, Y = _stripes(rng)
    with pytest.raises(ValueError, match="train_small_cnn: X and X_test must be image batches"):
        train_small_cnn(X.reshape(48, -1).T, Y, X, Y)


def _small_panel():
    """A CNN panel on 48 stripe images (one epoch, two filters): trains in well under a second."""
    rng = np.random.default_rng(2)
    X, Y = _stripes(rng)
    Xt, Yt = _stripes(rng, m=20)
    return dl.widgets.cnn_panel(X, Y, Xt, Yt, seed=1, n_filters=2, learning_rate=0.01, num_epochs=1)


def test_cnn_panel_driven_from_code():
    pytest.importorskip("ipywidgets")
    panel = _small_panel()
    first = panel.result
    assert "error" not in first and len(first["history"].train_acc) == 1
    panel.controls["num_epochs"].value = 6
    assert len(panel.result["history"].train_acc) == 6
    assert panel.result["cost"] < first["cost"]
    panel.controls["learning_rate"].value = 0.03
    assert panel.result["values"]["learning_rate"] == pytest.approx(0.03, rel=0.13)


def test_cnn_panel_progress_goes_in_the_badge():
    pytest.importorskip("ipywidgets")
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable
    panel = _small_panel()
    status, badges = [], []
    panel.status.observe(lambda ch: status.append(ch["new"]), names="value")
    panel.badge.observe(lambda ch: badges.append(ch["new"]), names="value")
    panel.controls["num_epochs"].value = 3
    assert [b for b in badges if "epoch" in b][-1].endswith("epoch 3/3</i>")
    assert len(status) == 1 and "<b>train" in status[0]
    assert_readable(plt.gcf(), "cnn panel")
