"""Short-time FFT: framing, the loop reference, tone peaks, batch layout, bad input."""
import numpy as np
import pytest

import dlutils as dl


@pytest.mark.parametrize("n, win, hop, expected", [(24000, 200, 80, 298), (441000, 200, 80, 5511),
                                                   (200, 200, 80, 1), (279, 200, 80, 1), (280, 200, 80, 2)])
def test_n_frames(n, win, hop, expected):
    assert dl.n_frames(n, win, hop) == expected


def test_frame_signal_windows():
    x = np.arange(10.0)
    F = dl.frame_signal(x, 4, 3)
    np.testing.assert_array_equal(F, [[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]])
    B = dl.frame_signal(np.stack([x, -x]), 4, 3)
    assert B.shape == (2, 3, 4) and np.all(B[1] == -F)


def test_matches_loop_reference():
    x = np.random.default_rng(0).standard_normal(3000)
    for kw in ({}, {"nfft": 256}, {"log": False}, {"window_length": 128, "hop": 50}):
        np.testing.assert_allclose(dl.spectrogram(x, **kw), dl.spectrogram_loop(x, **kw), atol=1e-9)


def test_tone_peaks_at_its_bin_and_hann_window():
    sr = 8000
    x = np.sin(2 * np.pi * 1000 * np.arange(4000) / sr)
    S = dl.spectrogram(x)
    assert S.shape == (101, dl.n_frames(4000, 200, 80))
    f = dl.frequencies(200, sr)
    assert f[np.argmax(S[:, 10])] == 1000.0 and f[-1] == 4000.0
    w = dl.hann_window(200)
    assert w[0] == 0 and abs(w[100] - 1) < 1e-12 and abs(w.mean() - 0.5) < 1e-12


def test_power_scale_and_log():
    """White noise of variance 1: the mean power per bin is 1 with the 1/sum(w^2) scale."""
    x = np.random.default_rng(1).standard_normal(80000)
    P = dl.spectrogram(x, log=False)
    assert abs(P[5:-5].mean() - 1.0) < 0.05
    np.testing.assert_allclose(dl.spectrogram(x), 10 * np.log10(P + 1e-10))


def test_batch_layout_is_sequence_layout():
    X = np.random.default_rng(2).standard_normal((3, 2400))
    S = dl.spectrogram(X)
    assert S.shape == (101, 3, 28)
    for i in range(3):
        np.testing.assert_allclose(S[:, i], dl.spectrogram(X[i]))
    t = dl.frame_times(28)
    assert t[0] == 100 / 8000 and np.allclose(np.diff(t), 0.01)


def test_bad_input():
    with pytest.raises(ValueError, match="spectrogram: the clip has 100 samples, fewer than one window"):
        dl.spectrogram(np.zeros(100))
    with pytest.raises(ValueError, match=r"more clips than samples.*x\.T"):
        dl.spectrogram(np.zeros((2400, 3)))
    with pytest.raises(ValueError, match="nfft .* must be at least window_length"):
        dl.spectrogram(np.zeros(1000), nfft=100)
    with pytest.raises(ValueError, match="frame_signal: x must be one clip"):
        dl.frame_signal(np.zeros((2, 3, 400)), 200, 80)
    with pytest.raises(ValueError, match="hop must be a positive"):
        dl.n_frames(1000, 200, 0)
