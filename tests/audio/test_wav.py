"""WAV files through the standard library and playback objects."""
import wave

import numpy as np
import pytest

import dlutils as dl


def test_int16_round_trip_and_clipping():
    x = np.array([-1.5, -1.0, -0.5, 0.0, 0.25, 1.0, 2.0])
    q = dl.to_int16(x)
    assert q.dtype == np.int16 and q.tolist() == [-32767, -32767, -16384, 0, 8192, 32767, 32767]
    np.testing.assert_allclose(dl.from_int16(q), np.clip(x, -1, 1), atol=0.5 / 32767)


def test_write_read_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    x = 0.5 * np.sin(2 * np.pi * 440 * np.arange(8000) / 8000) + 0.01 * rng.standard_normal(8000)
    path = dl.write_wav(tmp_path / "tone.wav", x, 8000)
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()) == (1, 2, 8000, 8000)
    y, sr = dl.read_wav(path)
    assert sr == 8000 and y.shape == x.shape
    assert np.abs(y - x).max() <= 0.5 / 32767 + 1e-12


def test_read_stereo_averages_channels(tmp_path):
    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(np.array([[1000, 3000], [-2000, 0]], dtype="<i2").tobytes())
    y, _ = dl.read_wav(path)
    np.testing.assert_allclose(y, np.array([2000, -1000]) / 32767)


def test_play_returns_an_audio_widget():
    pytest.importorskip("IPython")
    from IPython.display import Audio
    a = dl.play(np.zeros(800), 8000)
    assert isinstance(a, Audio) and a.data[:4] == b"RIFF"


def test_bad_input(tmp_path):
    with pytest.raises(ValueError, match=r"wav_bytes: x must be a 1-D clip.*x\[0\]"):
        dl.wav_bytes(np.zeros((2, 100)), 8000)
    with pytest.raises(ValueError, match="sample_rate must be a positive int"):
        dl.wav_bytes(np.zeros(100), 0)
    with pytest.raises(ValueError, match="from_int16: expected an int16 array"):
        dl.from_int16(np.zeros(3))
    with pytest.raises(ValueError, match="read_wav: no file at"):
        dl.read_wav(tmp_path / "missing.wav")
    path = tmp_path / "8bit.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(8000)
        w.writeframes(bytes(10))
    with pytest.raises(ValueError, match="only 16-bit PCM"):
        dl.read_wav(path)
