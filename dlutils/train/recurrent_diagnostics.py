"""Experiments of the recurrent lesson: gradient norm by distance and the memory task.

Layout: sequences ``(n_x, m, T_x)``. ``gradient_norm_by_distance`` runs one forward pass of
a freshly initialized cell on random inputs, puts a random upstream gradient on the LAST
hidden state only and returns ``||dJ/dx<T_x - 1 - k>||`` for ``k = 0 .. T_x - 1``, divided by
the value at ``k = 0``: how much of the error signal reaches an input ``k`` steps back
(vanishing below 1, exploding above). ``scale`` multiplies the recurrent weights (the part
acting on ``a_prev``), the knob that moves a plain RNN from vanishing to exploding.

``train_memory_task`` trains ``dl.Sequential([<cell>(n_a, return_sequences=True),
dl.Dense(n_symbols, "softmax")])`` on ``dl.memory_task`` with Adam (the same budget for every
cell: 25 epochs of 512 sequences, learning rate 0.03) and returns the dev accuracy at the last
step (%); ``memory_task_table`` does it for several cells and lengths, a few runs each.
Taught in: c5_sequence_models/01_rnn_step_by_step.
"""
import numpy as np

from ..data.sequence_tasks import memory_task
from ..nn.recurrent_layers import GRU, LSTM, RECURRENT_CELLS, SimpleRNN
from ..validation import check_rng

__all__ = ["gradient_norm_by_distance", "train_memory_task", "memory_task_table", "CELL_LAYERS"]

CELL_LAYERS = {"rnn": SimpleRNN, "gru": GRU, "lstm": LSTM}


def _cell(func, cell):
    if cell not in CELL_LAYERS:
        raise ValueError(f"{func}: cell must be one of {sorted(CELL_LAYERS)} ('rnn' is the plain "
                         f"tanh RNN), got {cell!r}.")
    return CELL_LAYERS[cell]


def gradient_norm_by_distance(cell, T_x, rng, n_a=32, n_x=8, m=16, scale=1.0):
    """Relative gradient norm reaching the input ``k`` steps before the last one, ``k = 0..T_x-1``."""
    func = "gradient_norm_by_distance"
    layer = _cell(func, cell)(n_a)
    check_rng(func, rng)
    if not np.isfinite(scale) or scale <= 0:
        raise ValueError(f"{func}: scale must be a positive number (1 = the layer's own init), got {scale!r}.")
    params, _ = layer.build((n_x, T_x), 1, rng)
    p = layer.course_parameters(params)
    for k in p:
        if k == "Waa":
            p[k] = p[k] * scale
        elif k.startswith("W") and cell != "rnn":
            p[k] = np.concatenate([p[k][:, :n_a] * scale, p[k][:, n_a:]], axis=1)
    x = rng.standard_normal((n_x, m, T_x))
    fwd, bwd, _, _ = RECURRENT_CELLS[cell]
    with np.errstate(over="ignore", invalid="ignore"):
        a, cache = fwd(x, np.zeros((n_a, m)), p)
        da = np.zeros_like(a)
        da[:, :, -1] = rng.standard_normal((n_a, m))
        dx = bwd(da, cache)["dx"]
    norms = np.linalg.norm(dx, axis=(0, 1))[::-1]          # index k = distance from the last step
    return norms / norms[0]


def train_memory_task(cell, T_x, rng, n_a=12, n_symbols=8, m_train=512, m_dev=256, num_epochs=25,
                      learning_rate=0.03, mini_batch_size=64):
    """Train one cell on the memory task; returns ``{"accuracy": dev % at the last step, "model", "history"}``."""
    from .sequential import Sequential
    from ..nn.dense import Dense
    func = "train_memory_task"
    Layer = _cell(func, cell)
    check_rng(func, rng)
    X, Y = memory_task(T_x, m_train, rng, n_symbols)
    X_dev, Y_dev = memory_task(T_x, m_dev, rng, n_symbols)
    model = Sequential([Layer(n_a, return_sequences=True), Dense(n_symbols, activation="softmax")],
                       input_shape=(n_symbols + 1, T_x), loss="softmax_cross_entropy", rng=rng)
    history = model.fit(X, Y, optimizer="adam", learning_rate=learning_rate, mini_batch_size=mini_batch_size,
                        num_epochs=num_epochs, verbose=False, record_every=num_epochs)
    P = model.loss(X_dev)
    acc = 100.0 * float(np.mean(P[:, :, -1].argmax(axis=0) == Y_dev[:, :, -1].argmax(axis=0)))
    return {"accuracy": acc, "model": model, "history": history}


def memory_task_table(Ts, rng, cells=("rnn", "gru", "lstm"), repeats=1, **kw):
    """``{T: {cell: [accuracy % of each run]}}``: ``repeats`` fresh models and data sets per entry,
    each from its own generator seeded by ``rng`` (an entry does not depend on the others' order).
    With ``repeats > 1`` the spread between runs shows (report the mean)."""
    check_rng("memory_task_table", rng)
    if isinstance(repeats, bool) or not isinstance(repeats, (int, np.integer)) or repeats < 1:
        raise ValueError(f"memory_task_table: repeats must be an int >= 1, got {repeats!r}.")
    seeds = rng.integers(0, 2 ** 31, size=(len(Ts), repeats))
    return {int(T): {c: [train_memory_task(c, int(T), np.random.default_rng(int(s)), **kw)["accuracy"] for s in row]
                     for c in cells} for T, row in zip(Ts, seeds)}
