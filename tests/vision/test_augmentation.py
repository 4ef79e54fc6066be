"""Data augmentation: each transform does what it says on every example, draws from rng only,
never modifies its input, and plugs into fit(..., augment=fn)."""
import numpy as np
import pytest

import dlutils as dl


def _images(rng, m=40, n=6, c=3):
    return rng.random((m, n, n, c))


def test_flip_mirrors_left_right_a_random_subset():
    rng = np.random.default_rng(0)
    X = _images(rng)
    X0 = X.copy()
    out = dl.random_flip(X, np.random.default_rng(1))
    np.testing.assert_array_equal(X, X0)
    flipped = np.array([np.array_equal(out[i], X[i, :, ::-1]) for i in range(len(X))])
    kept = np.array([np.array_equal(out[i], X[i]) for i in range(len(X))])
    assert np.all(flipped ^ kept) and 8 < flipped.sum() < 32
    np.testing.assert_array_equal(out, dl.random_flip(X, np.random.default_rng(1)))     # same rng, same result
    assert np.array_equal(dl.random_flip(X, rng, keep_prob=1.0), X)
    assert np.array_equal(dl.random_flip(X, rng, keep_prob=0.0), X[:, :, ::-1])


def test_shift_moves_each_image_by_at_most_max_shift():
    rng = np.random.default_rng(2)
    X = np.zeros((30, 7, 7, 1))
    X[:, 3, 3, 0] = 1.0                                      # one bright pixel in the middle
    out = dl.random_shift(X, rng, max_shift=2)
    assert out.shape == X.shape and np.all(out.sum(axis=(1, 2, 3)) == 1)
    rows, cols = np.nonzero(out[..., 0])[1:]
    assert np.all(np.abs(rows - 3) <= 2) and np.all(np.abs(cols - 3) <= 2)
    assert len(set(zip(rows, cols))) > 5                      # different shifts for different images
    edge = dl.random_shift(np.ones((4, 5, 5, 1)), rng, 2, fill="edge")
    assert np.all(edge == 1)


def test_crop_takes_a_window_of_the_padded_image():
    rng = np.random.default_rng(3)
    X = np.arange(2 * 6 * 6, dtype=float).reshape(2, 6, 6, 1)
    out = dl.random_crop(X, rng, size=4)
    assert out.shape == (2, 4, 4, 1)
    for i in range(2):
        r, c = np.argwhere(X[i, ..., 0] == out[i, 0, 0, 0])[0]
        np.testing.assert_array_equal(out[i], X[i, r:r + 4, c:c + 4])
    assert dl.random_crop(X, rng, size=8, pad=1).shape == (2, 8, 8, 1)


def test_color_jitter_changes_brightness_per_image_within_bounds():
    rng = np.random.default_rng(4)
    X = np.full((50, 4, 4, 3), 0.5)
    out = dl.color_jitter(X, rng, brightness=0.2, contrast=0.0, channel_shift=0.0)
    shifts = out.mean(axis=(1, 2, 3)) - 0.5
    assert np.all(np.abs(shifts) <= 0.2) and shifts.std() > 0.05
    np.testing.assert_allclose(out.std(axis=(1, 2, 3)), 0, atol=1e-12)      # a uniform offset per image
    ch = dl.color_jitter(X, rng, brightness=0.0, contrast=0.0, channel_shift=0.1)
    assert np.abs(ch[:, 0, 0, :] - 0.5).max() <= 0.1 and ch[:, 0, 0, :].std(axis=1).max() > 0.01
    assert dl.color_jitter(np.ones((3, 2, 2, 1)), rng, brightness=0.5).max() <= 1.0


def test_make_augment_plugs_into_fit_and_sees_only_training_batches():
    rng = np.random.default_rng(5)
    X, y = dl.make_bars(rng, 48)
    seen = []
    aug = dl.make_augment(flip=True, max_shift=1)

    def spy(Xb, r):
        seen.append(Xb.shape[0])
        return aug(Xb, r)

    model = dl.Sequential([dl.Conv2D(4, 3, activation="relu"), dl.Flatten(), dl.Dense(4)], input_shape=(8, 8, 1), rng=rng)
    model.fit(X, y, learning_rate=0.01, mini_batch_size=16, num_epochs=2, verbose=False, augment=spy,
              X_dev=X[:8], Y_dev=y[:, :8])
    assert seen == [16, 16, 16] * 2
    assert aug.settings["max_shift"] == 1


def test_bad_input_messages():
    rng = np.random.default_rng(6)
    X = _images(rng, 4)
    with pytest.raises(ValueError, match=r"random_flip: rng must be a numpy Generator"):
        dl.random_flip(X, None)
    with pytest.raises(ValueError, match=r"random_flip: X has shape \(108, 4\), a dense \(n_x, m\) array"):
        dl.random_flip(X.reshape(4, -1).T, rng)
    with pytest.raises(ValueError, match=r"random_shift: max_shift must be a whole number of pixels >= 0, got 1.5"):
        dl.random_shift(X, rng, 1.5)
    with pytest.raises(ValueError, match=r"random_shift: fill must be 'zeros' or 'edge'"):
        dl.random_shift(X, rng, 1, fill="wrap")
    with pytest.raises(ValueError, match=r"random_crop: size 9 is larger than the padded images \(8x8\)"):
        dl.random_crop(X, rng, 9, pad=1)
    with pytest.raises(ValueError, match=r"color_jitter: contrast must be a number in \[0.0, 1.0\], got 2"):
        dl.color_jitter(X, rng, contrast=2)
    with pytest.raises(ValueError, match=r"random_flip: keep_prob must be a number in \[0.0, 1.0\]"):
        dl.random_flip(X, rng, keep_prob=1.5)
