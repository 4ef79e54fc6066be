"""Recurrent layers for ``dl.Sequential`` and the bidirectional wrapper.

Layout: per-example input ``(n_x, T_x)``, batch ``(n_x, m, T_x)`` (the course's). A recurrent
layer with ``n_a`` units returns every hidden state ``(n_a, m, T_x)`` when
``return_sequences=True`` (per-example shape ``(n_a, T_x)``: put ``dl.Dense`` after it for a
per-step head) or only the last one ``(n_a, m)`` (per-example ``(n_a,)``) otherwise::

    model = dl.Sequential([dl.LSTM(32, return_sequences=True), dl.GRU(16),
                           dl.Dense(5, activation="softmax")],
                          input_shape=(n_x, T_x), loss="softmax_cross_entropy", rng=rng)

Parameter keys carry the layer's prefix and the course's names: the k-th ``SimpleRNN`` owns
``rnn{k}_Wax, rnn{k}_Waa, rnn{k}_ba``; ``GRU`` ``gru{k}_Wu, _bu, _Wr, _br, _Wc, _bc``; ``LSTM``
``lstm{k}_Wf, _bf, _Wi, _bi, _Wc, _bc, _Wo, _bo``; ``Bidirectional(LSTM(n))`` ``bilstm{k}_fwd_Wf``
... and ``bilstm{k}_bwd_Wf`` .... The initial state is zeros. Initialization: input weights
``N(0, 1/fan_in)``, the SimpleRNN's ``Waa`` orthogonal, LSTM forget-gate bias 1 (remember by
default), other biases 0.

``bidirectional_forward``/``bidirectional_backward`` are the functional wrapper: one cell runs
forward in time, a second one on the reversed sequence, and their states are stacked,
``a<t> = [a_fwd<t>; a_bwd<t>]`` of shape ``(2 n_a, m, T_x)``.
Taught in: c5_sequence_models/01_rnn_step_by_step (layers used from c5/02 on).
"""
import numpy as np

from .gru import gru_backward, gru_forward
from .lstm import lstm_backward, lstm_forward
from .rnn import _check_state, _check_x, rnn_backward, rnn_forward

__all__ = ["SimpleRNN", "GRU", "LSTM", "Bidirectional", "bidirectional_forward",
           "bidirectional_backward", "RECURRENT_CELLS"]


def _lstm_fwd(x, a0, p):
    a, _, c, cache = lstm_forward(x, a0, p)
    return a, cache


def _plain_fwd(forward):
    def run(x, a0, p):
        a, _, cache = forward(x, a0, p)
        return a, cache
    return run


# name -> (forward(x, a0, p) -> (a, cache), backward(da, cache) -> dict, weight names, bias names)
RECURRENT_CELLS = {
    "rnn": (_plain_fwd(rnn_forward), rnn_backward, ("Wax", "Waa"), ("ba",)),
    "gru": (_plain_fwd(gru_forward), gru_backward, ("Wu", "Wr", "Wc"), ("bu", "br", "bc")),
    "lstm": (_lstm_fwd, lstm_backward, ("Wf", "Wi", "Wc", "Wo"), ("bf", "bi", "bc", "bo")),
}


def _cell(func, cell):
    if cell not in RECURRENT_CELLS:
        raise ValueError(f"{func}: cell must be one of {sorted(RECURRENT_CELLS)}, got {cell!r}.")
    return RECURRENT_CELLS[cell]


def _n_a_of(cell, p):
    return np.shape(p["Waa" if cell == "rnn" else RECURRENT_CELLS[cell][2][0]])[0]


def bidirectional_forward(x, a0_fwd, a0_bwd, parameters_fwd, parameters_bwd, cell="lstm"):
    """Run ``cell`` ('rnn', 'gru', 'lstm') forward in time and a second copy backward in time.

    ``x (n_x, m, T_x)``; ``a0_fwd``/``a0_bwd`` ``(n_a, m)`` (``None`` = zeros). Returns
    ``(a, caches)`` with ``a = [a_fwd; a_bwd]`` of shape ``(2 n_a, m, T_x)``, where ``a_bwd<t>``
    has read ``x<T_x>`` ... ``x<t>``.
    """
    func = "bidirectional_forward"
    fwd, _, _, _ = _cell(func, cell)
    x = np.asarray(x, dtype=float)
    if x.ndim != 3:
        _check_x(func, x, x.shape[0] if x.ndim else 0)
    m = x.shape[1]
    states = []
    for name, a0, p in (("a0_fwd", a0_fwd, parameters_fwd), ("a0_bwd", a0_bwd, parameters_bwd)):
        n_a = _n_a_of(cell, p)
        states.append(np.zeros((n_a, m)) if a0 is None else _check_state(func, name, a0, n_a, m))
    a_f, cache_f = fwd(x, states[0], parameters_fwd)
    a_b, cache_b = fwd(x[:, :, ::-1], states[1], parameters_bwd)
    return np.concatenate([a_f, a_b[:, :, ::-1]], axis=0), (cell, a_f.shape[0], cache_f, cache_b)


def bidirectional_backward(da, caches, *, need_dx=True):
    """Gradients for ``bidirectional_forward``: ``da (2 n_a, m, T_x)``.

    Returns ``{"dx": (n_x, m, T_x), "fwd": <the cell's gradient dict>, "bwd": <the same>}``.
    """
    cell, n_a, cache_f, cache_b = caches
    _, bwd, _, _ = RECURRENT_CELLS[cell]
    da = np.asarray(da, dtype=float)
    if da.ndim != 3 or da.shape[0] != 2 * n_a:
        raise ValueError(f"bidirectional_backward: da has shape {da.shape}, expected (2 n_a, m, T_x) "
                         f"with 2 n_a = {2 * n_a} (forward states stacked on backward states).")
    g_f = bwd(da[:n_a], cache_f, need_dx=need_dx)
    g_b = bwd(np.ascontiguousarray(da[n_a:, :, ::-1]), cache_b, need_dx=need_dx)
    dx = g_f["dx"] + g_b["dx"][:, :, ::-1] if need_dx else None
    return {"dx": dx, "fwd": g_f, "bwd": g_b}


# -- layers ------------------------------------------------------------------------------------
def _seq_shape(func, in_shape):
    shape = tuple(in_shape) if isinstance(in_shape, (tuple, list)) else (in_shape,)
    if len(shape) != 2:
        raise ValueError(f"{func}: a recurrent layer takes sequences, per-example shape (n_x, T_x) "
                         f"(batch (n_x, m, T_x)), but the layer before gives {shape}; pass "
                         f"input_shape=(n_x, T_x) to Sequential, and return_sequences=True on a "
                         f"recurrent layer that feeds another one.")
    return shape


def _key(prefix, index, name):
    return f"{index}_{name}" if isinstance(index, str) else f"{prefix}{index}_{name}"


class _Recurrent:
    """Shared code of SimpleRNN / GRU / LSTM (a layer of ``dl.Sequential``)."""
    kind, prefix, cell, gates = "Recurrent", "rec", "rnn", 1
    trainable = True

    def __init__(self, n_a, return_sequences=False, trainable=True):
        if isinstance(n_a, bool) or not isinstance(n_a, (int, np.integer)) or n_a < 1:
            raise ValueError(f"{self.kind}: n_a must be a positive int (number of hidden units), got {n_a!r}.")
        if not isinstance(return_sequences, (bool, np.bool_)):
            raise ValueError(f"{self.kind}: return_sequences must be True (all states, (n_a, m, T_x)) "
                             f"or False (last state, (n_a, m)), got {return_sequences!r}.")
        self.n_a, self.return_sequences, self.trainable = int(n_a), bool(return_sequences), trainable
        self.weight_keys, self.param_keys, self.keys = [], [], {}

    # shapes and counts
    def output_shape(self, in_shape):
        n_x, T = _seq_shape(self.kind, in_shape)
        return (self.n_a, T) if self.return_sequences else (self.n_a,)

    def _n_params(self, n_x):
        return self.gates * (self.n_a * (self.n_a + n_x) + self.n_a)

    def count(self, in_shape):
        n_x, T = _seq_shape(self.kind, in_shape)
        steps = T if T is not None else 1
        return (self._n_params(n_x), self.output_shape(in_shape),
                steps * self.gates * self.n_a * (self.n_a + n_x))

    def states(self):
        return {}

    def _init(self, n_x, rng):
        raise NotImplementedError

    def build(self, in_shape, index, rng):
        n_x, T = _seq_shape(self.kind, in_shape)
        if not isinstance(rng, np.random.Generator):
            raise ValueError(f"{self.kind}.build: rng must be a numpy Generator; make one with "
                             f"np.random.default_rng(seed).")
        p = self._init(int(n_x), rng)
        self.n_x = int(n_x)
        self.keys = {name: _key(self.prefix, index, name) for name in p}
        _, _, wnames, _ = RECURRENT_CELLS[self.cell]
        self.weight_keys = [self.keys[w] for w in wnames]
        self.param_keys = list(self.keys.values())
        return {self.keys[k]: v for k, v in p.items()}, self.output_shape(in_shape)

    # the pass
    def course_parameters(self, params):
        """This layer's parameters under the course's names (``Wf``, ``Wax``, ...)."""
        return {name: params[key] for name, key in self.keys.items()}

    def forward(self, A, params, model=None, training=False):
        x = _check_x(f"{self.kind}.forward", A, self.n_x)
        fwd = RECURRENT_CELLS[self.cell][0]
        a, cache = fwd(x, np.zeros((self.n_a, x.shape[1])), self.course_parameters(params))
        out = a if self.return_sequences else a[:, :, -1]
        return out, (cache, a.shape)

    def backward(self, dout, cache, params=None, need_dA=True):
        cache, shape = cache
        if self.return_sequences:
            da = dout
        else:
            da = np.zeros(shape)
            da[:, :, -1] = dout
        g = RECURRENT_CELLS[self.cell][1](da, cache, need_dx=need_dA)
        grads = {key: g["d" + name] for name, key in self.keys.items()} if self.trainable else {}
        return (g["dx"] if need_dA else None), grads

    def describe(self):
        return f"{self.kind}({self.n_a}{', return_sequences=True' if self.return_sequences else ''})"

    def __repr__(self):
        return self.describe()


def _normal(rng, shape, fan_in):
    return rng.standard_normal(shape) / np.sqrt(fan_in)


class SimpleRNN(_Recurrent):
    """``a<t> = tanh(Waa a<t-1> + Wax x<t> + ba)`` over the sequence (keys ``rnn{k}_Wax``, ...)."""
    kind, prefix, cell, gates = "SimpleRNN", "rnn", "rnn", 1

    def _init(self, n_x, rng):
        q, r = np.linalg.qr(rng.standard_normal((self.n_a, self.n_a)))
        return {"Wax": _normal(rng, (self.n_a, n_x), n_x), "Waa": q * np.sign(np.diag(r)),
                "ba": np.zeros((self.n_a, 1))}


class GRU(_Recurrent):
    """The full GRU (update and relevance gates); keys ``gru{k}_Wu, _bu, _Wr, _br, _Wc, _bc``."""
    kind, prefix, cell, gates = "GRU", "gru", "gru", 3

    def _init(self, n_x, rng):
        p = {}
        for g in ("u", "r", "c"):
            p["W" + g] = _normal(rng, (self.n_a, self.n_a + n_x), self.n_a + n_x)
            p["b" + g] = np.zeros((self.n_a, 1))
        return p


class LSTM(_Recurrent):
    """The LSTM (forget, update, output gates, memory cell); keys ``lstm{k}_Wf, _bf, ..., _Wo, _bo``."""
    kind, prefix, cell, gates = "LSTM", "lstm", "lstm", 4

    def _init(self, n_x, rng):
        p = {}
        for g in ("f", "i", "c", "o"):
            p["W" + g] = _normal(rng, (self.n_a, self.n_a + n_x), self.n_a + n_x)
            p["b" + g] = np.full((self.n_a, 1), 1.0 if g == "f" else 0.0)
        return p


class Bidirectional:
    """``Bidirectional(LSTM(n_a, ...))``: a forward and a backward copy, states stacked (``2 n_a``).

    Keys ``bi{prefix}{k}_fwd_<name>`` and ``..._bwd_<name>`` (e.g. ``bilstm1_fwd_Wf``). With
    ``return_sequences=False`` the output is ``[a_fwd<T_x>; a_bwd<1>]``: each direction's last state.
    """
    kind = "Bidirectional"

    def __init__(self, layer, trainable=True):
        if not isinstance(layer, _Recurrent):
            raise ValueError(f"Bidirectional: wraps a recurrent layer (dl.SimpleRNN, dl.GRU, dl.LSTM), "
                             f"got {layer!r}.")
        self.layer, self.trainable = layer, trainable
        self.fwd = type(layer)(layer.n_a, layer.return_sequences, trainable)
        self.bwd = type(layer)(layer.n_a, layer.return_sequences, trainable)
        self.return_sequences, self.n_a = layer.return_sequences, layer.n_a
        self.weight_keys, self.param_keys = [], []

    def output_shape(self, in_shape):
        return (2 * self.n_a,) + self.fwd.output_shape(in_shape)[1:]

    def count(self, in_shape):
        n, _, madds = self.fwd.count(in_shape)
        return 2 * n, self.output_shape(in_shape), 2 * madds

    def states(self):
        return {}

    def build(self, in_shape, index, rng):
        base = index if isinstance(index, str) else f"bi{self.layer.prefix}{index}"
        p, _ = self.fwd.build(in_shape, f"{base}_fwd", rng)
        q, _ = self.bwd.build(in_shape, f"{base}_bwd", rng)
        p.update(q)
        self.weight_keys = self.fwd.weight_keys + self.bwd.weight_keys
        self.param_keys = self.fwd.param_keys + self.bwd.param_keys
        return p, self.output_shape(in_shape)

    def forward(self, A, params, model=None, training=False):
        x = _check_x("Bidirectional.forward", A, self.fwd.n_x)
        a, cache = bidirectional_forward(x, None, None, self.fwd.course_parameters(params),
                                         self.bwd.course_parameters(params), cell=self.fwd.cell)
        if self.return_sequences:
            return a, (cache, a.shape)
        n = self.n_a
        return np.concatenate([a[:n, :, -1], a[n:, :, 0]], axis=0), (cache, a.shape)

    def backward(self, dout, cache, params=None, need_dA=True):
        cache, shape = cache
        if self.return_sequences:
            da = dout
        else:
            n = self.n_a
            da = np.zeros(shape)
            da[:n, :, -1] = dout[:n]
            da[n:, :, 0] = dout[n:]
        g = bidirectional_backward(da, cache, need_dx=need_dA)
        grads = {}
        if self.trainable:
            for part, gd in ((self.fwd, g["fwd"]), (self.bwd, g["bwd"])):
                grads.update({key: gd["d" + name] for name, key in part.keys.items()})
        return (g["dx"] if need_dA else None), grads

    def describe(self):
        return f"Bidirectional({self.layer.describe()})"

    def __repr__(self):
        return self.describe()
