"""Models: a dict of parameters plus ``loss(X, Y=None)``.

``loss(X)`` returns the output probabilities (predictions); ``loss(X, Y)`` runs a training
pass and returns ``(cost, grads)`` with ``grads`` keyed exactly like ``params``.
``predict(X)`` returns labels ``(1, m)``.

Layout: ``X`` is ``(n_x, m)``; ``Y`` is ``(1, m)`` 0/1 for a sigmoid output, one-hot ``(C, m)``
for a softmax output.
Taught in: c1/02 (LogisticRegression), c1/03-05 and c2 (DeepNet).
"""
import numpy as np

from ..nn.activations import sigmoid, get_activation
from ..nn.dense import check_parameters, linear_backward, LinearActivationCache
from ..nn.initializers import initialize_parameters
from ..nn.losses import _sigmoid_ce_logits, _softmax_ce_logits, _check_one_hot
from ..nn.regularization import l2_cost, dropout_forward, dropout_backward
from ..nn.batchnorm import batchnorm_param, batchnorm_forward, batchnorm_backward
from ..validation import check_array, check_labels, check_probability, check_positive, check_rng

__all__ = ["Model", "LogisticRegression", "DeepNet", "predict", "probabilities_to_labels"]


def _check_XY(func, X, Y, n_x, n_y, output):
    X = check_array(func, "X", X, ndim=2, hint="X must be (n_x, m), one example per column.")
    if X.shape[0] != n_x:
        hint = ""
        if X.shape[1] == n_x:
            hint = " - one example per column: did you mean X.T?"
        raise ValueError(f"{func}: X has shape {X.shape} but the model expects n_x = {n_x} rows{hint}")
    if Y is None:
        return X, None
    Y = check_array(func, "Y", Y, ndim=2, hint="Y must be (n_y, m); reshape labels with Y.reshape(1, -1).")
    if Y.shape != (n_y, X.shape[1]):
        hint = " - did you pass Y.T?" if Y.shape == (X.shape[1], n_y) else ""
        if output == "softmax" and Y.shape[0] == 1:
            hint = " - turn class labels into one-hot columns with dl.one_hot(Y, C)."
        raise ValueError(f"{func}: Y has shape {Y.shape}, expected ({n_y}, {X.shape[1]}) "
                         f"for X of shape {X.shape}{hint}")
    if output == "sigmoid":
        check_labels(func, "Y", Y)
    else:
        _check_one_hot(func, Y)
    return X, Y


def probabilities_to_labels(P, threshold=0.5):
    """Labels ``(1, m)``: ``P > threshold`` for one sigmoid row, the argmax class for ``(C, m)``."""
    if P.shape[0] == 1:
        return (P > threshold).astype(np.int64)
    return np.argmax(P, axis=0).reshape(1, -1)


class Model:
    """The contract every dlutils model shares (``DeepNet``, ``LogisticRegression``, ``Sequential``).

    A subclass provides ``params``, ``check_inputs(X, Y=None)`` (validation with fix-it
    messages, run once) and ``_loss(X, Y=None)`` (the unchecked maths the training loop calls).
    """

    def loss(self, X, Y=None):
        """Probabilities when ``Y`` is None, else ``(cost, grads)`` keyed like ``params``."""
        X, Y = self.check_inputs(X, Y)
        return self._loss(X, Y)

    def predict(self, X):
        """Labels ``(1, m)``: 0/1 for a sigmoid output, class indices for softmax."""
        return probabilities_to_labels(self.loss(X))


class LogisticRegression(Model):
    """``yhat = sigmoid(w^T X + b)`` with ``w`` of shape ``(n_x, 1)`` and scalar ``b``.

    Parameters start at zero (the course's choice; logistic regression has no symmetry to break).
    """

    output = "sigmoid"

    def __init__(self, n_x, params=None):
        if int(n_x) != n_x or n_x < 1:
            raise ValueError(f"LogisticRegression: n_x must be a positive int (features per example), got {n_x!r}.")
        self.n_x = int(n_x)
        if params is None:
            params = {"w": np.zeros((self.n_x, 1)), "b": np.zeros((1, 1))}
        w = check_array("LogisticRegression", "params['w']", params.get("w"), shape=(self.n_x, 1))
        b = check_array("LogisticRegression", "params['b']", np.reshape(params.get("b", 0.0), (1, 1)))
        self.params = {"w": w.astype(float).copy(), "b": b.astype(float).copy()}

    def check_inputs(self, X, Y=None, func="LogisticRegression.loss"):
        return _check_XY(func, X, Y, self.n_x, 1, "sigmoid")

    def _loss(self, X, Y=None):
        Z = self.params["w"].T @ X + self.params["b"]
        if Y is None:
            return sigmoid(Z)
        cost, dZ = _sigmoid_ce_logits(Z, Y)  # X, Y validated once by check_inputs
        return cost, {"w": X @ dZ.T, "b": dZ.sum(axis=1, keepdims=True)}

    def predict(self, X, threshold=0.5):
        return probabilities_to_labels(self.loss(X), threshold)


class DeepNet(Model):
    """An L-layer net: [LINEAR -> hidden]*(L-1) -> LINEAR -> sigmoid or softmax.

    ``layer_dims = [n_x, n1, ..., nL]``. Options:

    - ``initializer`` (see ``dl.initialize_parameters``) with ``rng``, or ``params`` to start
      from given values (copied);
    - ``lambd``: L2 strength (0 = off);
    - ``keep_prob``: dropout keep probability for the hidden layers, one float for all or a
      list with one value per hidden layer (1.0 = off). Dropout needs ``rng`` and is only
      active in training passes, ``loss(X, Y)``; predictions never drop units.
    - ``batchnorm=True``: batch norm on every hidden layer's ``Z`` before the activation
      (``Z = W A_prev``, then ``gamma * Z_norm + beta``). The bias ``b[l]`` of a BN layer is
      DROPPED (the mean subtraction cancels it; ``beta[l]`` plays its role), so ``params``
      holds ``W1, gamma1, beta1, ..., WL, bL`` (the output layer keeps ``bL``). Training
      passes (``loss(X, Y)``) use batch statistics and update the running averages in
      ``model.bn_state[l]`` (a ``dl.batchnorm_param`` dict, momentum ``bn_momentum``=0.9);
      predictions (``loss(X)``) use the running averages, so they are deterministic.
    """

    def __init__(self, layer_dims, *, hidden_activation="relu", output="sigmoid",
                 initializer="he", rng=None, params=None, lambd=0.0, keep_prob=1.0, scale=0.01,
                 batchnorm=False, bn_momentum=0.9, bn_epsilon=1e-5):
        func = "DeepNet"
        get_activation(hidden_activation, func)
        if output not in ("sigmoid", "softmax"):
            raise ValueError(f"{func}: output must be 'sigmoid' (binary) or 'softmax' (classes), got {output!r}.")
        self.layer_dims = _check_layer_dims(func, layer_dims)
        self.hidden_activation, self.output = hidden_activation, output
        self.L = len(self.layer_dims) - 1
        if output == "sigmoid" and self.layer_dims[-1] != 1:
            raise ValueError(f"{func}: a sigmoid output has 1 unit but layer_dims ends in "
                             f"{self.layer_dims[-1]}; use output='softmax' for several classes.")
        self.batchnorm = bool(batchnorm)
        if params is None:
            params = initialize_parameters(self.layer_dims, initializer, rng, scale=scale)
            if self.batchnorm:
                params = _bn_params(params, self.layer_dims)
        else:
            if self.batchnorm:
                _check_bn_params(func, params, self.layer_dims)
                params = {**params, **{f"b{l}": np.zeros((self.layer_dims[l], 1))
                                       for l in range(1, self.L)}}
            check_parameters(func, params, n_x=self.layer_dims[0])
            dims = [params["W1"].shape[1]] + [params[f"W{l}"].shape[0] for l in range(1, self.L + 1)]
            if dims != self.layer_dims:
                raise ValueError(f"{func}: params have layer sizes {dims} but layer_dims is {self.layer_dims}.")
            params = {k: np.array(v, dtype=float) for k, v in params.items()}
            if self.batchnorm:
                params = _bn_params(params, self.layer_dims, keep=True)
        self.params = params
        self.lambd = check_positive(func, "lambd", lambd, allow_zero=True)
        kp = list(keep_prob) if np.ndim(keep_prob) else [keep_prob] * (self.L - 1)
        if len(kp) != self.L - 1:
            raise ValueError(f"{func}: keep_prob has {len(kp)} values but there are {self.L - 1} "
                             f"hidden layers; give one float or one value per hidden layer.")
        self.keep_probs = [check_probability(func, "keep_prob", k) for k in kp]
        if any(k < 1 for k in self.keep_probs):
            check_rng(func, rng)
        self.rng = rng
        self.bn_state = ({l: batchnorm_param(self.layer_dims[l], bn_momentum, bn_epsilon)
                          for l in range(1, self.L)} if self.batchnorm else {})

    # -- forward / backward -------------------------------------------------------------
    def _forward(self, X, training):
        hidden_fwd, _ = get_activation(self.hidden_activation)
        caches, drops = [], []
        A = X
        for l in range(1, self.L + 1):
            W, b = self.params[f"W{l}"], self.params.get(f"b{l}")
            Z = W @ A if b is None else W @ A + b
            lin = (A, W, b)
            if l < self.L:
                if self.batchnorm:
                    Z, bn = batchnorm_forward(Z, self.params[f"gamma{l}"], self.params[f"beta{l}"],
                                              self.bn_state[l], mode="train" if training else "test")
                    lin = (lin, bn)
                A, act = hidden_fwd(Z)
                kp = self.keep_probs[l - 1]
                if training and kp < 1:
                    A, drop = dropout_forward(A, kp, self.rng)
                else:
                    drop = (None, 1.0)
                caches.append(LinearActivationCache(lin, act, self.hidden_activation))
                drops.append(drop)
            else:
                caches.append(LinearActivationCache(lin, None, self.output))
        return Z, caches, drops

    def _loss(self, X, Y=None):
        ZL, caches, drops = self._forward(X, training=Y is not None)
        if Y is None:
            return sigmoid(ZL) if self.output == "sigmoid" else _softmax(ZL)
        m = X.shape[1]
        if self.output == "sigmoid":
            cost, dZ = _sigmoid_ce_logits(ZL, Y)  # X, Y validated once by check_inputs
        else:
            cost, dZ = _softmax_ce_logits(ZL, Y)
        cost += l2_cost(self.params, self.lambd, m)
        _, hidden_bwd = get_activation(self.hidden_activation)
        grads = {}
        for l in range(self.L, 0, -1):
            lin = caches[l - 1].linear
            if self.batchnorm and l < self.L:
                lin, bn = lin
                dZ, grads[f"gamma{l}"], grads[f"beta{l}"] = batchnorm_backward(dZ, bn)
            dA_prev, dW, db = linear_backward(dZ, lin, need_dA_prev=l > 1)
            if self.lambd:
                dW += (self.lambd / m) * self.params[f"W{l}"]
            grads[f"W{l}"] = dW
            if f"b{l}" in self.params:
                grads[f"b{l}"] = db
            if l > 1:
                dA_prev = dropout_backward(dA_prev, drops[l - 2])
                dZ = hidden_bwd(dA_prev, caches[l - 2].activation)
        return cost, grads

    def check_inputs(self, X, Y=None, func="DeepNet.loss"):
        return _check_XY(func, X, Y, self.layer_dims[0], self.layer_dims[-1], self.output)

    def __repr__(self):
        bn = ", batchnorm=True" if self.batchnorm else ""
        return (f"DeepNet({self.layer_dims}, hidden={self.hidden_activation}, output={self.output}, "
                f"lambd={self.lambd}, keep_prob={self.keep_probs}{bn})")


def _bn_params(params, layer_dims, keep=False):
    """Ordered W1, gamma1, beta1, ..., WL, bL: BN layers lose b, gain gamma=1 and beta=0."""
    L = len(layer_dims) - 1
    out = {}
    for l in range(1, L + 1):
        out[f"W{l}"] = params[f"W{l}"]
        if l < L:
            out[f"gamma{l}"] = params[f"gamma{l}"] if keep and f"gamma{l}" in params else np.ones((layer_dims[l], 1))
            out[f"beta{l}"] = params[f"beta{l}"] if keep and f"beta{l}" in params else np.zeros((layer_dims[l], 1))
        else:
            out[f"b{l}"] = params[f"b{l}"]
    return out


def _check_bn_params(func, params, layer_dims):
    for l in range(1, len(layer_dims) - 1):
        for key in (f"gamma{l}", f"beta{l}"):
            if key not in params:
                raise ValueError(f"{func}: batchnorm=True needs params[{key!r}] ({layer_dims[l]}, 1); "
                                 f"leave params=None to initialize gamma=1, beta=0.")
            if np.shape(params[key]) != (layer_dims[l], 1):
                raise ValueError(f"{func}: params[{key!r}] has shape {np.shape(params[key])}, "
                                 f"expected ({layer_dims[l]}, 1).")


def _check_layer_dims(func, layer_dims):
    try:
        dims = [int(d) for d in layer_dims]
        ok = len(dims) >= 2 and all(d > 0 and d == x for d, x in zip(dims, layer_dims))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(f"{func}: layer_dims must hold at least two positive ints [n_x, ..., n_y] "
                         f"like [12288, 20, 7, 5, 1], got {layer_dims!r}.")
    return dims


def _softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def predict(model, X):
    """Labels ``(1, m)`` from any model with ``predict`` (or a ``loss`` returning probabilities)."""
    if hasattr(model, "predict"):
        return model.predict(X)
    return probabilities_to_labels(model.loss(X))
