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


def _moons_split(m, m_dev, noise):
    """Train and dev moons drawn from one seeded rng: (X, Y, X_dev, Y_dev)."""
    rng = np.random.default_rng(0)
    return (*dl.make_moons(rng, m=m, noise=noise), *dl.make_moons(rng, m=m_dev, noise=noise))


@pytest.fixture(scope="module")
def noisy():
    return _moons_split(200, 200, noise=0.3)


# -- fit_2d: the panel's flat-parameter loop is the same training as dl.train ---------------
@pytest.mark.parametrize("kw", [dict(), dict(lambd=0.7), dict(keep_prob=0.8),
                                dict(hidden_activation="tanh", lambd=0.1, keep_prob=0.7, optimizer="rmsprop")])
def test_fit_2d_matches_dl_train(noisy, kw):
    X, Y, Xd, Yd = noisy
    r = fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01, num_iterations=120, seed=5, **kw)
    opt = kw.pop("optimizer", "adam")
    model = dl.DeepNet([2, 20, 3, 1], rng=np.random.default_rng(5), **kw)
    dl.train(model, X, Y, learning_rate=0.01, num_iterations=120, optimizer=opt)
    for k in model.params:
        np.testing.assert_allclose(r["model"].params[k], model.params[k], rtol=1e-9, atol=1e-12)


def test_fit_2d_records_like_dl_train(noisy):
    """fit_2d runs dl.train's loop: full batch records iteration 0, every k steps and the end, with
    the same costs dl.train records; mini-batches record every k steps (mean batch cost)."""
    X, Y, Xd, Yd = noisy
    r = fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01, num_iterations=100,
               n_records=4, seed=2)
    h = r["history"]
    assert h.iterations == [0, 25, 50, 75, 100] and len(h.train_acc) == len(h.dev_acc) == 5
    model = dl.DeepNet([2, 20, 3, 1], rng=np.random.default_rng(2))
    ref = dl.train(model, X, Y, learning_rate=0.01, num_iterations=100, optimizer="adam", record_every=25,
                   X_dev=Xd, Y_dev=Yd)
    np.testing.assert_allclose(h.costs, ref.costs, rtol=1e-10)
    np.testing.assert_allclose(h.dev_acc, ref.dev_acc)
    assert r["train_acc"] == ref.train_acc[-1] and r["dev_cost"] == pytest.approx(ref.dev_costs[-1])
    mb = fit_2d(X, Y, Xd, Yd, layer_dims=[2, 20, 3, 1], learning_rate=0.01, num_iterations=100,
                n_records=4, mini_batch_size=64, seed=2)["history"]
    assert mb.iterations == [25, 50, 75, 100] and mb.epochs == [6, 12, 18, 24]   # 4 batches per epoch


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


# -- optimizer race -------------------------------------------------------------------------
from dlutils.widgets.optimizer_race import race, optimizer_race  # noqa: E402
from dlutils.widgets.cost_surface import descend, surface_result, cost_surface_panel  # noqa: E402


@pytest.fixture(scope="module")
def moons():
    return _moons_split(300, 200, noise=0.2)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_race_adam_beats_gd_in_the_same_epochs(moons, seed):
    X, Y, Xd, Yd = moons
    r = race(X, Y, Xd, Yd, learning_rate=0.01, num_epochs=60, seed=seed)
    assert r["final_cost"]["adam"] < r["final_cost"]["gd"] - 0.1
    assert r["train_acc"]["adam"] > r["train_acc"]["gd"]
    assert len(r["costs"]["momentum"]) == 60 and r["batches_per_epoch"] == 5


def test_race_uses_the_same_batches_for_everyone(moons):
    X, Y, Xd, Yd = moons
    alone = race(X, Y, optimizers=("gd",), learning_rate=0.05, num_epochs=20, seed=4)
    together = race(X, Y, optimizers=("adam", "momentum", "gd"), learning_rate=0.05, num_epochs=20, seed=4)
    assert alone["costs"]["gd"] == together["costs"]["gd"]
    # momentum with beta = 0 is plain GD: identical numbers prove identical batches and start
    m0 = race(X, Y, optimizers=("gd", "momentum"), beta=0.0, learning_rate=0.05, num_epochs=10, seed=4)
    np.testing.assert_allclose(m0["costs"]["momentum"], m0["costs"]["gd"], rtol=1e-12)


def test_optimizer_race_panel_moves(moons):
    X, Y, Xd, Yd = moons
    p = optimizer_race(X, Y, Xd, Yd, num_epochs=30, rng=np.random.default_rng(5))
    assert set(p.result["final_cost"]) == {"gd", "momentum", "rmsprop", "adam"} and "error" not in p.result
    gd_before = p.result["final_cost"]["gd"]
    p.controls["learning_rate"].value = 0.1          # GD improves with a larger step
    assert p.result["final_cost"]["gd"] < gd_before
    p.controls["num_epochs"].value = 60
    assert len(p.result["costs"]["adam"]) == 60
    a = p.result["final_cost"]["adam"]
    p.controls["beta1"].value = 0.5                  # only Adam changes
    assert p.result["final_cost"]["adam"] != a and p.result["final_cost"]["gd"] == p.history[-2]["final_cost"]["gd"]
    p.controls["beta2"].value = 0.95
    p.controls["beta"].value = 0.5
    p.controls["mini_batch_size"].value = 32
    assert p.result["batches_per_epoch"] == 10


# -- cost surfaces --------------------------------------------------------------------------
def test_descend_bowl_lessons():
    r = surface_result(learning_rate=0.05, beta=0.9, beta2=0.999, steps=60)
    bowl = r["final_cost"]["bowl"]
    assert bowl["adam"] < bowl["gd"] and bowl["rmsprop"] < 0.01 * bowl["gd"]
    # GD diverges above 2 / curvature = 0.2; momentum survives the same rate
    big = surface_result(learning_rate=0.3, beta=0.9, beta2=0.999, steps=60)
    assert big["diverged"]["bowl"]["gd"] and not big["diverged"]["bowl"]["momentum"]
    assert big["final_cost"]["bowl"]["momentum"] < 0.2
    # more steps: lower cost
    assert surface_result(learning_rate=0.05, beta=0.9, beta2=0.999, steps=150)["final_cost"]["bowl"]["gd"] < bowl["gd"]
    p = descend("bowl", "gd", learning_rate=0.1, steps=10)
    assert p.shape == (11, 2) and tuple(p[0]) == (-9.0, 1.2)


def test_descend_saddle_adam_leaves_first():
    r = surface_result(learning_rate=0.05, beta=0.9, beta2=0.999, steps=60)
    s = r["final_cost"]["saddle"]
    assert s["adam"] < 0.01 and s["gd"] > 0.2      # GD still near the saddle value 0.25
    assert abs(abs(r["final"]["saddle"]["adam"][1]) - 1) < 0.1   # Adam is in a valley, w2 = +-1


def test_cost_surface_panel_moves():
    p = cost_surface_panel(steps=40)
    assert set(p.result["paths"]) == {"bowl", "saddle"}
    assert p.result["paths"]["bowl"]["adam"].shape == (41, 2)
    gd = p.result["final_cost"]["bowl"]["gd"]
    p.controls["steps"].value = 120
    assert p.result["paths"]["saddle"]["gd"].shape == (121, 2) and p.result["final_cost"]["bowl"]["gd"] < gd
    p.controls["learning_rate"].value = 0.3
    assert p.result["diverged"]["bowl"]["gd"] and "error" not in p.result
    p.controls["beta"].value = 0.5
    p.controls["beta2"].value = 0.99
    assert p.result["values"]["beta2"] == 0.99


def test_race_and_surface_bad_arguments(moons):
    X, Y, _, _ = moons
    with pytest.raises(ValueError, match="race: unknown optimizer"):
        race(X, Y, optimizers=("sgd",))
    with pytest.raises(ValueError, match="descend: surface must be one of"):
        descend("valley", "gd", learning_rate=0.1, steps=3)
    with pytest.raises(ValueError, match="optimizer_race: rng must be a numpy Generator"):
        optimizer_race(X, Y)


def test_race_reports_progress_per_optimizer():
    """The race takes ~1 s: the panel names the optimizer being trained (i of n) while it works."""
    from dlutils.widgets.optimizer_race import race
    rng = np.random.default_rng(0)
    X, Y = dl.make_moons(rng, m=60)
    seen = []
    race(X, Y, num_epochs=2, mini_batch_size=32, on_progress=lambda *a: seen.append(a))
    assert seen == [("gd", 0, 4), ("momentum", 1, 4), ("rmsprop", 2, 4), ("adam", 3, 4)]


# -- what the panels look like -------------------------------------------------------------
def test_training_race_and_surface_figures_read_well(panel, moons):
    """Each figure fits the notebook column (the training panel's 11.5-inch canvas was shrunk to 84 %)
    and its smallest text stays readable; colours mean one thing per figure."""
    import matplotlib.pyplot as plt
    from tests.widgets.readability import assert_readable, assert_one_meaning_per_colour
    panel.reset()                                                      # other tests moved its sliders
    assert_readable(panel._canvas.fig, "training panel", tight=False)   # drawn as raw PNG frames
    X, Y, Xd, Yd = moons
    race_panel = optimizer_race(X, Y, Xd, Yd, num_epochs=10, rng=np.random.default_rng(5))
    fig = plt.gcf()
    assert_readable(fig, "optimizer race")
    assert_one_meaning_per_colour(fig, "optimizer race")
    bars_legend = fig.axes[1].get_legend()
    fig.canvas.draw()
    bars = [p.get_window_extent() for p in fig.axes[1].patches]
    assert not any(bars_legend.get_window_extent().overlaps(b) for b in bars), "the legend covers a bar"
    assert race_panel.result["winner"] is not None
    surface = cost_surface_panel(steps=40)
    for r in (panel.result, race_panel.result, surface.result):   # notebooks print them: plain text
        assert "<" not in r["summary"] and r["summary"].count("\n") == 1
    assert "<b>lowest cost: " in surface.status.value and "<b>train " in panel.status.value
    fig = plt.gcf()
    assert_readable(fig, "cost surfaces")
    # paths drawn later are thinner: one lying on another's line stays visible inside it
    for ax in fig.axes:
        widths = [ln.get_linewidth() for ln in ax.lines if ln.get_label().split(":")[0] in ("gd", "momentum", "rmsprop", "adam")]
        assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]
