"""The one training loop (run_loop behind dl.train, Sequential.fit and the panels): frozen keys,
batch axes, augmentation, the flat-parameter updater, print lines, scoring of output layouts."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.train.history import _evaluate
from dlutils.train.training import FlatUpdater, ParamUpdater, run_loop


class RowModel:
    """Logistic regression on examples stored as ROWS, X (m, n_x): ``batch_axis = 0`` like image
    batches. ``freeze`` names keys it returns no grads for. Remembers every training batch."""
    output = "sigmoid"
    batch_axis = 0

    def __init__(self, n_x, rng, freeze=()):
        self.params = {"w": 0.5 * rng.standard_normal((n_x, 1)), "b": np.full((1, 1), 0.3)}
        self.freeze, self.seen = set(freeze), []

    def _loss(self, X, Y=None):
        Z = (X @ self.params["w"]).T + self.params["b"]          # (1, m)
        P = 1 / (1 + np.exp(-Z))
        if Y is None:
            return P
        self.seen.append((X.copy(), Y.copy()))
        m = Y.shape[1]
        dZ = (P - Y) / m
        grads = {"w": X.T @ dZ.T, "b": dZ.sum(axis=1, keepdims=True)}
        cost = float(np.sum(np.logaddexp(0, Z) - Y * Z) / m)
        return cost, {k: g for k, g in grads.items() if k not in self.freeze}


def _rows(rng, m=30, n_x=3):
    """X (m, n_x) whose column 0 is the example's id; Y (1, m) = id parity: pairs can be checked."""
    X = rng.standard_normal((m, n_x))
    X[:, 0] = np.arange(m)
    return X, (np.arange(m) % 2).reshape(1, -1).astype(float)


# ---- batch axis ----------------------------------------------------------------------------
def test_mini_batches_follow_model_batch_axis(rng):
    X, Y = _rows(rng)
    model = RowModel(3, rng)
    h = dl.train(model, X, Y, learning_rate=0.01, mini_batch_size=8, num_epochs=2, rng=rng, record_every=1)
    assert [xb.shape for xb, _ in model.seen[:4]] == [(8, 3), (8, 3), (8, 3), (6, 3)]
    for xb, yb in model.seen:                       # rows of X still paired with columns of Y
        np.testing.assert_array_equal(yb[0], xb[:, 0] % 2)
    ids = np.concatenate([xb[:, 0] for xb, _ in model.seen[:4]])
    assert sorted(ids) == list(range(30)) and not np.array_equal(ids, np.arange(30))
    assert h.iterations == [4, 8] and h.epochs == [0, 1]


def test_random_mini_batches_axis0_and_per_step_Y(rng):
    X = rng.standard_normal((10, 4, 4, 2))             # (m, n_H, n_W, n_C)
    X[:, 0, 0, 0] = np.arange(10)
    Y = np.arange(10).reshape(1, -1).astype(float)
    batches = dl.random_mini_batches(X, Y, 4, rng, batch_axis=0)
    assert [b[0].shape for b in batches] == [(4, 4, 4, 2), (4, 4, 4, 2), (2, 4, 4, 2)]
    for xb, yb in batches:
        np.testing.assert_array_equal(xb[:, 0, 0, 0], yb[0])
    Xs = rng.standard_normal((3, 10, 5))                 # sequences (n_x, m, T_x)
    Xs[0, :, 0] = np.arange(10)
    Ys = np.repeat(np.arange(10.0)[None, :, None], 5, axis=2)   # per step (n_y, m, T_y)
    for xb, yb in dl.random_mini_batches(Xs, Ys, 3, rng):
        assert xb.shape[1] == yb.shape[1] and yb.shape[2] == 5
        np.testing.assert_array_equal(xb[0, :, 0], yb[0, :, 0])
    # the default keeps the old behaviour exactly: the same permutation of columns
    X2, Y2 = rng.standard_normal((2, 9)), np.arange(9.0).reshape(1, -1)
    a = dl.random_mini_batches(X2, Y2, 4, np.random.default_rng(3))
    perm = np.random.default_rng(3).permutation(9)
    np.testing.assert_array_equal(np.concatenate([x for x, _ in a], axis=1), X2[:, perm])


def test_random_mini_batches_axis_bad_input(rng):
    with pytest.raises(ValueError, match=r"random_mini_batches: batch_axis must be 1 .* or 0"):
        dl.random_mini_batches(np.ones((2, 4)), np.ones((1, 4)), 2, rng, batch_axis=2)
    with pytest.raises(ValueError, match=r"random_mini_batches: X has shape \(10, 4, 4, 1\); with batch_axis=1 .*"
                                         r"pass batch_axis=0"):
        dl.random_mini_batches(np.ones((10, 4, 4, 1)), np.ones((1, 10)), 2, rng)
    with pytest.raises(ValueError, match=r"random_mini_batches: X has 2 examples \(columns\) but Y has 3.*"
                                         r"X looks like \(m, n_x\): pass X.T"):
        dl.random_mini_batches(np.ones((3, 2)), np.ones((1, 3)), 2, rng)
    with pytest.raises(ValueError, match=r"random_mini_batches: X has 3 examples \(rows \(axis 0\)\) but Y has 4"):
        dl.random_mini_batches(np.ones((3, 4)), np.ones((1, 4)), 2, rng, batch_axis=0)


def test_train_rejects_mismatched_batch_axis(rng):
    X, Y = _rows(rng, m=12)
    with pytest.raises(ValueError, match=r"train: X has shape \(3, 12\) and Y \(1, 12\), but examples run "
                                         r"along axis 0 of X \(model.batch_axis\)"):
        dl.train(RowModel(3, rng), X.T, Y, learning_rate=0.1, num_iterations=2)


# ---- frozen parameters: exactly the keys in grads move -------------------------------------
@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_keys_without_grads_stay_frozen(optimizer, rng):
    X, Y = _rows(rng)
    model = RowModel(3, rng, freeze={"b"})
    b0, w0 = model.params["b"].copy(), model.params["w"].copy()
    dl.train(model, X, Y, learning_rate=0.05, num_iterations=20, optimizer=optimizer)
    np.testing.assert_array_equal(model.params["b"], b0)
    assert not np.allclose(model.params["w"], w0)
    flat = RowModel(3, np.random.default_rng(9), freeze={"b"})
    b1 = flat.params["b"].copy()
    upd = FlatUpdater(flat, optimizer, 0.05)
    h = dl.History(hyperparameters={"optimizer": optimizer})
    run_loop(flat, X, Y, updater=upd, history=h, learning_rate=0.05, num_epochs=20)
    np.testing.assert_array_equal(flat.params["b"], b1)


@pytest.mark.parametrize("optimizer", ["gd", "rmsprop", "adam"])
def test_flat_updater_takes_the_same_steps_as_per_parameter(optimizer, rng):
    X, Y = dl.make_moons(rng, m=50)
    init = dl.initialize_parameters([2, 6, 4, 1], "he", rng)
    a, b = dl.DeepNet([2, 6, 4, 1], params=init), dl.DeepNet([2, 6, 4, 1], params=init)
    ha, hb = (dl.History(hyperparameters={"optimizer": optimizer}) for _ in range(2))
    for model, upd, h in ((a, ParamUpdater(a.params, optimizer, 0.01), ha),
                          (b, FlatUpdater(b, optimizer, 0.01), hb)):
        run_loop(model, X, Y, updater=upd, history=h, learning_rate=0.01, num_epochs=5,
                 mini_batch_size=16, rng=np.random.default_rng(1), record_every=1)
    for k in init:
        np.testing.assert_allclose(b.params[k], a.params[k], rtol=1e-12, atol=1e-14)
    assert ha.costs == pytest.approx(hb.costs, rel=1e-12) and ha.iterations == hb.iterations == [4, 8, 12, 16, 20]


def test_step_records_with_a_step_budget(rng):
    X, Y = dl.make_moons(rng, m=50)
    net = dl.DeepNet([2, 4, 1], rng=rng)
    h = dl.History()
    run_loop(net, X, Y, updater=ParamUpdater(net.params, "gd", 0.1), history=h, learning_rate=0.1,
             mini_batch_size=16, rng=rng, max_steps=10, record_every=4, record_unit="step")
    assert h.iterations == [4, 8, 10] and h.epochs == [0, 1, 2]   # 4 batches per epoch


# ---- augmentation --------------------------------------------------------------------------
def test_augment_runs_on_every_training_batch_only(rng):
    X, Y = _rows(rng, m=20)
    calls = []

    def shift(Xb, r):
        assert r is gen
        calls.append(Xb.shape)
        out = Xb.copy()
        out[:, 1:] += 1.0                          # a marker the model sees; ids in column 0 kept
        return out

    gen = np.random.default_rng(4)
    model = RowModel(3, rng)
    dl.train(model, X, Y, learning_rate=0.01, mini_batch_size=8, num_epochs=3, rng=gen, augment=shift)
    assert calls == [(8, 3), (8, 3), (4, 3)] * 3 and len(model.seen) == 9
    for xb, _ in model.seen:
        np.testing.assert_array_equal(xb[:, 1:], X[xb[:, 0].astype(int), 1:] + 1.0)
    model = RowModel(3, rng)                       # full batch: every step, and the final pass
    calls.clear()
    dl.train(model, X, Y, learning_rate=0.01, num_iterations=5, rng=gen, augment=shift)
    assert len(calls) == 6
    with pytest.raises(ValueError, match=r"train: augment must be a function \(X_batch, rng\)"):
        dl.train(model, X, Y, learning_rate=0.01, num_iterations=5, rng=gen, augment="flip")
    with pytest.raises(ValueError, match=r"train: rng must be a numpy Generator"):
        dl.train(model, X, Y, learning_rate=0.01, num_iterations=5, augment=shift)


def test_sequential_fit_passes_augment(rng):
    X, Y = dl.make_moons(rng, m=40)
    model = dl.Sequential([dl.Dense(4, activation="relu"), dl.Dense(1, activation="sigmoid")],
                          input_dim=2, loss="binary_cross_entropy", rng=rng)
    calls = []
    model.fit(X, Y, learning_rate=0.01, mini_batch_size=16, num_epochs=2, verbose=False,
              augment=lambda Xb, r: calls.append(Xb.shape[1]) or Xb)
    assert calls == [16, 16, 8, 16, 16, 8]


# ---- what a record says ------------------------------------------------------------------------
class Fixed:
    """A 'model' whose predictions are a fixed array."""

    def __init__(self, P, output):
        self.P, self.output = P, output

    def _loss(self, X, Y=None):
        return self.P


P1 = np.array([[0.9, 0.2, 0.6, 0.4]])
Y1 = np.array([[1, 0, 0, 0.0]])
P3 = np.array([[0.7, 0.1, 0.2], [0.2, 0.8, 0.5], [0.1, 0.1, 0.3]])
Y3 = np.eye(3)


@pytest.mark.parametrize("P,Y,output,cost,acc", [
    (P1, Y1, "sigmoid", 0.4389051056530454, 75.0),                                     # (1, m)
    (P3, Y3, "softmax", 0.594597099859626, 200 / 3),                                   # (C, m)
    (np.stack([P3, P3[:, ::-1]], axis=2), np.stack([Y3, Y3], axis=2), "softmax",
     0.9864929760535389, 50.0),                                                        # (C, m, T)
    (np.stack([P1, 1 - P1], axis=2), np.stack([Y1, Y1], axis=2), "sigmoid",
     0.8868449729600592, 50.0),                                                        # (1, m, T)
])
def test_scoring_of_output_layouts(P, Y, output, cost, acc):
    c, a = _evaluate(Fixed(P, output), None, Y)
    assert c == pytest.approx(cost, rel=1e-12) and a == pytest.approx(acc)
    h = dl.History()
    h.add_record(Fixed(P, output), None, Y, "dev", Y, step=3, epoch=0, cost=1.0, learning_rate=0.1)
    assert h.iterations == [3] and h.train_acc == [pytest.approx(acc)]
    assert h.dev_costs == [pytest.approx(cost)]


def test_print_every_names_the_iteration(rng, capsys):
    X, Y = dl.make_moons(rng, m=40)
    h = dl.train(dl.DeepNet([2, 4, 1], rng=rng), X, Y, learning_rate=0.1, num_iterations=30,
                 record_every=5, print_every=10)
    lines = capsys.readouterr().out.splitlines()
    assert [int(l.split(":")[0].split()[1]) for l in lines] == [0, 10, 20, 30]
    assert lines[0].startswith("iteration      0: cost ") and f"{h.costs[0]:.6f}" in lines[0]


def test_early_stop_keeps_the_parameters_of_the_record(rng):
    X, Y = dl.make_moons(rng, m=40)
    init = dl.initialize_parameters([2, 4, 1], "he", rng)
    net = dl.DeepNet([2, 4, 1], params=init)
    h = dl.train(net, X, Y, learning_rate=0.1, num_iterations=100, record_every=7,
                 callback=lambda hist, model: hist.iterations[-1] < 14)
    assert h.iterations == [0, 7, 14] and h.stopped_early
    ref = dl.DeepNet([2, 4, 1], params=init)
    dl.train(ref, X, Y, learning_rate=0.1, num_iterations=14)
    for k in init:
        np.testing.assert_allclose(net.params[k], ref.params[k], rtol=1e-13)
