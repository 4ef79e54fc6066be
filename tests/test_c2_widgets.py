"""Course 2 panels built headless: set slider values from code and check the result moved the
right way. The training work (fit_2d, race, surfaces) is tested as plain functions too."""
import numpy as np
import pytest

import dlutils as dl

pytest.importorskip("ipywidgets")
pytest.importorskip("matplotlib")
import matplotlib  # noqa: E402

matplotlib.use("Agg")

from dlutils.widgets.training_panel import fit_2d, training_panel  # noqa: E402


@pytest.fixture(scope="module")
def noisy():
    rng = np.random.default_rng(0)
    X, Y = dl.make_moons(rng, m=200, noise=0.3)
    Xd, Yd = dl.make_moons(rng, m=200, noise=0.3)
    return X, Y, Xd, Yd


# -- fit_2d: the fast path is the same maths as DeepNet._loss ------------------------------
@pytest.mark.parametrize("kw", [dict(), dict(lambd=0.7), dict(keep_prob=0.8),
                                dict(optimizer="momentum", mini_batch_size=32),
                                dict(hidden_activation="tanh", lambd=0.1, keep_prob=0.7, optimizer="rmsprop")])
def test_fit_2d_fast_path_matches_general_path(noisy, kw):
    X, Y, Xd, Yd = noisy
    r1 = fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01, num_iterations=120, **kw)
    r2 = fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01, num_iterations=120,
                fast_path=False, **kw)
    for k in r1["model"].params:
        np.testing.assert_allclose(r1["model"].params[k], r2["model"].params[k], rtol=1e-9, atol=1e-12)
    assert r1["history"].costs == pytest.approx(r2["history"].costs)


def test_fit_2d_same_seed_same_result_and_batchnorm_path(noisy):
    X, Y, Xd, Yd = noisy
    a = fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01, num_iterations=200, seed=3)
    b = fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01, num_iterations=200, seed=3)
    assert a["dev_acc"] == b["dev_acc"] and a["weight_norm"] == b["weight_norm"]
    bn = fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01, num_iterations=200, batchnorm=True)
    assert bn["train_acc"] > 80 and not bn["diverged"]


@pytest.mark.parametrize("optimizer,lr", [("adam", 3.0), ("gd", 30.0)])
def test_fit_2d_reports_divergence(noisy, optimizer, lr):
    X, Y, Xd, Yd = noisy
    r = fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=lr, optimizer=optimizer,
               num_iterations=300)
    assert r["diverged"] and "learning rate too large" in r["message"]


# -- the panel ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def panel(noisy):
    X, Y, Xd, Yd = noisy
    return training_panel(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], num_iterations=500,
                          rng=np.random.default_rng(1))


def test_training_panel_draws_when_built(panel):
    r = panel.result
    for key in ("train_acc", "dev_acc", "train_cost", "dev_cost", "weight_norm", "diverged", "message",
                "latency", "frames", "history", "values"):
        assert key in r
    assert r["frames"] >= 1 and not r["diverged"] and r["train_acc"] > 85
    assert set(panel.controls) >= {"learning_rate", "lambd", "keep_prob", "optimizer", "mini_batch_size",
                                   "num_iterations"}
    assert panel.last_png.startswith(b"\x89PNG\r\n\x1a\n") and len(panel.last_png) > 5000


def test_larger_lambd_shrinks_weight_norm(panel):
    panel.controls["lambd"].value = 0.0
    w0 = panel.result["weight_norm"]
    png0 = panel.last_png
    panel.controls["lambd"].value = 1.0
    w1 = panel.result["weight_norm"]
    assert panel.last_png != png0   # the picture was redrawn
    assert panel.result["values"]["lambd"] == 1.0
    assert w1 < 0.8 * w0
    panel.controls["lambd"].value = 0.0


def test_huge_learning_rate_shows_message_not_exception(panel):
    panel.controls["learning_rate"].value = 5.0
    r = panel.result
    assert r["diverged"] and "learning rate too large" in r["message"]
    assert "error" not in r and "&#9888;" in panel.status.value
    panel.controls["learning_rate"].value = 0.01
    assert not panel.result["diverged"]


def test_keep_prob_and_optimizer_and_batch_controls(panel):
    base = panel.result["weight_norm"]
    panel.controls["keep_prob"].value = 0.6
    assert panel.result["weight_norm"] != base and panel.result["values"]["keep_prob"] == 0.6
    panel.controls["optimizer"].value = "gd"
    assert panel.result["values"]["optimizer"] == "gd"
    panel.controls["mini_batch_size"].value = 32
    assert panel.result["history"].hyperparameters["mini_batch_size"] == 32
    panel.reset()
    assert panel.controls["keep_prob"].value == 1.0 and panel.controls["optimizer"].value == "adam"
    assert panel.result["values"]["mini_batch_size"] == 0


def test_same_values_same_picture(panel):
    panel.run()
    a = panel.result["dev_acc"], panel.result["weight_norm"]
    panel.run()
    assert (panel.result["dev_acc"], panel.result["weight_norm"]) == a


def test_dataset_and_architecture_choices(noisy):
    X, Y, Xd, Yd = noisy
    rng = np.random.default_rng(2)
    Xc, Yc = dl.make_circles(rng, m=200)
    p = training_panel(X, Y, Xd, Yd, num_iterations=300, rng=rng,
                       datasets={"moons": (X, Y, Xd, Yd), "circles": (Xc, Yc, None, None)},
                       architectures={"[2, 20, 3, 1]": [2, 20, 3, 1], "[2, 1] (logistic)": [2, 1]})
    p.controls["dataset"].value = "circles"
    assert p.result["dev_acc"] is None and p.result["train_acc"] > 80
    p.controls["architecture"].value = "[2, 1] (logistic)"
    assert p.result["train_acc"] < 70   # a straight line cannot separate circles


def test_bad_arguments():
    X = np.zeros((2, 4))
    with pytest.raises(ValueError, match="training_panel: rng must be a numpy Generator"):
        training_panel(X, np.zeros((1, 4)))
    with pytest.raises(ValueError, match="training_panel: optimizer must be one of"):
        training_panel(X, np.zeros((1, 4)), optimizer="sgd", rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="fit_2d: X has shape \\(4, 2\\)"):
        fit_2d(X.T, np.zeros((1, 4)), layer_dims=[2, 3, 1], learning_rate=0.1)
