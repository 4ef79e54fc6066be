"""Embedding lookup: forward = E o_w, backward accumulates into used columns, layer, bad input."""
import numpy as np
import pytest

import dlutils as dl


_num_grad = dl.numerical_gradient   # the library's centred differences (float64, in place, restored)


def test_forward_is_E_times_one_hot():
    rng = np.random.default_rng(0)
    E = rng.normal(size=(4, 7))
    ids = np.array([[1, 3, 3], [6, 0, 2]])
    out, _ = dl.embedding_forward(ids, E)
    assert out.shape == (4, 2, 3)
    O = dl.one_hot_indices(ids, 7)                 # (V, m, T)
    np.testing.assert_allclose(out, np.einsum("nv,vmt->nmt", E, O))


def test_backward_accumulates_repeated_words_gradient_check():
    rng = np.random.default_rng(1)
    E = rng.normal(size=(3, 5))
    ids = np.array([[1, 1, 4], [4, 0, 1]])          # id 1 three times, 4 twice, 2 and 3 unused
    dout = rng.normal(size=(3, 2, 3))
    dE = dl.embedding_backward(dout, dl.embedding_forward(ids, E)[1])
    num = _num_grad(lambda: float(np.sum(dl.embedding_forward(ids, E)[0] * dout)), E)
    assert np.linalg.norm(dE - num) / np.linalg.norm(dE + num) < 1e-7
    assert np.all(dE[:, [2, 3]] == 0)


def test_layer_in_sequential_shapes_and_grads():
    rng = np.random.default_rng(2)
    layer = dl.Embedding(6, 3)
    params, out_shape = layer.build((1, 4), 1, rng)
    assert out_shape == (3, 4) and list(params) == ["emb1_E"]
    X = np.array([[[0, 5, 2, 2]]], float)
    out, cache = layer.forward(X, params)
    _, grads = layer.backward(np.ones_like(out), cache, params)
    assert grads["emb1_E"][:, 2].tolist() == pytest.approx([2.0] * 3)
    assert layer.count((1, 4))[0] == 18


def test_bad_input():
    E = np.zeros((3, 5))
    with pytest.raises(ValueError, match="embedding_forward: word ids must lie in"):
        dl.embedding_forward(np.array([[0, 5]]), E)
    with pytest.raises(ValueError, match="embedding_forward: indices must be whole"):
        dl.embedding_forward(np.array([[0.5]]), E)
    with pytest.raises(ValueError, match="Embedding: E has shape"):
        dl.Embedding(5, 3, E=np.zeros((5, 3)))
    with pytest.raises(ValueError, match="embedding_backward: dout has shape"):
        dl.embedding_backward(np.zeros((3, 2)), dl.embedding_forward(np.array([[0, 1, 2]]), E)[1])


def test_embedding_lstm_dense_in_sequential_gradient_check():
    rng = np.random.default_rng(3)
    m, T, V = 5, 6, 12
    X = rng.integers(0, V, (m, T))[None].astype(float)          # (1, m, T) word ids
    Y = np.eye(2)[rng.integers(0, 2, m)].T
    model = dl.Sequential([dl.Embedding(V, 4), dl.LSTM(3), dl.Dense(2, activation="softmax")],
                          input_shape=(1, T), loss="softmax_cross_entropy", rng=rng)
    model.params["emb1_E"] = rng.normal(size=(4, V))
    _, grads = model.loss(X, Y)
    P = model.params["emb1_E"]
    num = _num_grad(lambda: model.loss(X, Y)[0], P)
    assert np.linalg.norm(grads["emb1_E"] - num) / np.linalg.norm(grads["emb1_E"] + num) < 1e-6
    unused = sorted(set(range(V)) - set(X.ravel().astype(int)))
    assert np.all(grads["emb1_E"][:, unused] == 0)
