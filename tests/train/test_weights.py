"""Weights to .h5 and back: round trip, subsets into another model, clear errors that leave the
model untouched, batch-norm averages, and transfer learning with a frozen base."""
import numpy as np
import pytest

import dlutils as dl


def _base(rng, head=4):
    return dl.Sequential([dl.Conv2D(4, 3, activation="relu"), dl.BatchNorm(), dl.MaxPool2D(2),
                          dl.Conv2D(6, 3, activation="relu"), dl.Flatten(), dl.Dense(head)],
                         input_shape=(8, 8, 1), rng=rng)


def test_round_trip_restores_every_array_and_the_bn_averages(tmp_path):
    rng = np.random.default_rng(0)
    X, y = dl.make_bars(rng, 64)
    model = _base(rng)
    model.fit(X, y, learning_rate=0.01, mini_batch_size=16, num_epochs=2, verbose=False)
    path = dl.save_weights(model, tmp_path / "w.h5")
    other = _base(np.random.default_rng(1))
    assert not np.array_equal(other.params["conv1_W"], model.params["conv1_W"])
    loaded = dl.load_weights(other, path)
    assert loaded == list(model.params)
    for k in model.params:
        np.testing.assert_array_equal(other.params[k], model.params[k])
    np.testing.assert_array_equal(other.bn_state[1]["running_mean"], model.bn_state[1]["running_mean"])
    np.testing.assert_allclose(other.loss(X), model.loss(X))
    import h5py
    with h5py.File(path) as f:                       # plain arrays, no pickled objects
        assert f.attrs["format"] == "dlutils-weights-1" and "Conv2D(4" in f.attrs["layers"]
        assert all(f["params"][k].dtype == np.float64 for k in f["params"])


def test_subset_into_a_model_with_a_new_head_then_freeze_and_train(tmp_path):
    rng = np.random.default_rng(2)
    X, y = dl.make_bars(rng, 64)
    source = _base(rng, head=4)
    source.fit(X, y, learning_rate=0.01, mini_batch_size=16, num_epochs=2, verbose=False)
    dl.save_weights(source, tmp_path / "base.h5")
    target = _base(np.random.default_rng(3), head=2)            # new head: W1 (2, 96)
    with pytest.raises(ValueError, match=r"load_weights: .*base.h5' stores 'W1' with shape \(4, 96\) but the "
                                         r"model's 'W1' is \(2, 96\)"):
        dl.load_weights(target, tmp_path / "base.h5")
    before = {k: v.copy() for k, v in target.params.items()}
    assert not np.array_equal(target.params["conv1_W"], source.params["conv1_W"])   # failed load changed nothing
    np.testing.assert_array_equal(target.params["conv1_W"], before["conv1_W"])
    base_keys = [k for k in target.params if not k.startswith(("W", "b"))]
    assert dl.load_weights(target, tmp_path / "base.h5", keys=base_keys) == base_keys
    np.testing.assert_array_equal(target.params["conv2_W"], source.params["conv2_W"])
    np.testing.assert_array_equal(target.params["W1"], before["W1"])
    dl.freeze(target, upto=5)
    y2 = (y >= 2).astype(int)
    target.fit(X, y2, learning_rate=0.01, mini_batch_size=16, num_epochs=2, verbose=False)
    np.testing.assert_array_equal(target.params["conv2_W"], source.params["conv2_W"])
    assert not np.array_equal(target.params["W1"], before["W1"])


def test_skip_missing_loads_what_the_file_has(tmp_path):
    rng = np.random.default_rng(4)
    small = dl.Sequential([dl.Conv2D(4, 3, activation="relu"), dl.Flatten(), dl.Dense(4)], input_shape=(8, 8, 1), rng=rng)
    dl.save_weights(small, tmp_path / "small.h5")
    big = dl.Sequential([dl.Conv2D(4, 3, activation="relu"), dl.Conv2D(2, 3), dl.Flatten(), dl.Dense(4)],
                        input_shape=(8, 8, 1), rng=rng)
    with pytest.raises(ValueError, match=r"load_weights: .*small.h5' has no weights for 'conv2_W' .* pass keys=\[...\] "
                                         r"for the shared layers or skip_missing=True"):
        dl.load_weights(big, tmp_path / "small.h5")
    loaded = dl.load_weights(big, tmp_path / "small.h5", keys=["conv1_W", "conv1_b", "conv2_W"], skip_missing=True)
    assert loaded == ["conv1_W", "conv1_b"]


def test_bad_input_messages(tmp_path):
    rng = np.random.default_rng(5)
    model = _base(rng)
    with pytest.raises(ValueError, match=r"save_weights: path must end in .h5"):
        dl.save_weights(model, tmp_path / "w.npz")
    with pytest.raises(ValueError, match=r"load_weights: no file .*nothing.h5"):
        dl.load_weights(model, tmp_path / "nothing.h5")
    with pytest.raises(ValueError, match=r"load_weights: the model has no parameter 'conv9_W'"):
        dl.save_weights(model, tmp_path / "w.h5") and dl.load_weights(model, tmp_path / "w.h5", keys=["conv9_W"])
    import h5py
    with h5py.File(tmp_path / "other.h5", "w") as f:
        f["x"] = np.zeros(3)
    with pytest.raises(ValueError, match=r"load_weights: .*other.h5' was not written by dl.save_weights"):
        dl.load_weights(model, tmp_path / "other.h5")
    (tmp_path / "junk.h5").write_text("not hdf5")
    with pytest.raises(ValueError, match=r"load_weights: .*junk.h5' is not a readable HDF5 file"):
        dl.load_weights(model, tmp_path / "junk.h5")
    with pytest.raises(ValueError, match=r"save_weights: expected a model with a params dict"):
        dl.save_weights(object(), tmp_path / "w.h5")
    with pytest.raises(ValueError, match=r"freeze: upto must be an int between 0 and 6"):
        dl.freeze(model, upto=9)
    with pytest.raises(ValueError, match=r"freeze: .* is not one of this model's layers"):
        dl.freeze(model, layers=[dl.Dense(2)])
