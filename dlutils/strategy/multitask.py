"""Course 3: multi-task learning with missing labels (marked ``MISSING = -1``):
``J = 1/m sum_i sum_{j: y_ij known} L(sigmoid(z_ij), y_ij)``; ``MultiTaskNet`` trains one
sigmoid output per task with that loss; ``hidden_features`` reads a trained net's hidden layer
(for transfer learning).

Layout: ``X`` is ``(n_x, m)``; errors are in percent. Taught in: c3/04_transfer_multitask_end_to_end.
"""
import numpy as np

from ..nn.activations import sigmoid
from ..nn.dense import linear_forward, linear_backward, check_parameters
from ..nn.initializers import initialize_parameters
from ..validation import check_array


__all__ = ['MISSING', 'masked_sigmoid_cross_entropy_with_logits', 'MultiTaskNet', 'hidden_features']


MISSING = -1


def masked_sigmoid_cross_entropy_with_logits(Z, Y):
    """Multi-label cross-entropy of ``sigmoid(Z)`` that skips entries with ``Y == MISSING``.

    ``J = 1/m sum_i sum_{j known} [max(z,0) - z y + log(1 + e^-|z|)]``; returns ``(cost, dZ)``
    with ``dZ = known * (sigmoid(Z) - Y) / m``.
    """
    func = "masked_sigmoid_cross_entropy_with_logits"
    Z = check_array(func, "Z", Z, ndim=2)
    Y = check_array(func, "Y", Y, ndim=2)
    if Z.shape != Y.shape:
        raise ValueError(f"{func}: Z has shape {Z.shape} but Y has shape {Y.shape}; both are "
                         f"(n_tasks, m).")
    if not np.all((Y == 0) | (Y == 1) | (Y == MISSING)):
        raise ValueError(f"{func}: Y must hold 0, 1 or MISSING (-1) for an unknown label.")
    known = (Y != MISSING).astype(float)
    Yk = np.where(known > 0, Y, 0.0)
    m = Y.shape[1]
    cost = float(np.sum(known * (np.maximum(Z, 0) - Z * Yk + np.log1p(np.exp(-np.abs(Z))))) / m)
    return cost, known * (sigmoid(Z) - Yk) / m


class MultiTaskNet:
    """[LINEAR -> ReLU] * (L-1) -> LINEAR -> sigmoid per task, trained with the masked loss.

    ``layer_dims = [n_x, ..., n_tasks]``; ``params`` (e.g. a pre-trained body) or ``rng`` for He
    initialization. ``predict(X)`` gives ``(n_tasks, m)`` 0/1 labels.
    """
    output = "multi-label"

    def __init__(self, layer_dims, rng=None, params=None):
        self.layer_dims = [int(d) for d in layer_dims]
        self.L = len(self.layer_dims) - 1
        if params is None:
            params = initialize_parameters(self.layer_dims, "he", rng)
        else:
            check_parameters("MultiTaskNet", params, n_x=self.layer_dims[0])
            params = {k: np.array(v, dtype=float) for k, v in params.items()}
        self.params = params

    def check_inputs(self, X, Y=None, func="MultiTaskNet.loss"):
        X = check_array(func, "X", X, ndim=2, shape=(self.layer_dims[0], None),
                        hint="X is (n_x, m), one example per column.")
        if Y is not None:
            Y = check_array(func, "Y", Y, ndim=2, shape=(self.layer_dims[-1], X.shape[1]),
                            hint="Y is (n_tasks, m) with MISSING (-1) for unknown labels.")
        return X, Y

    def _loss(self, X, Y=None):
        A, caches = X, []
        for l in range(1, self.L + 1):
            Z, lin = linear_forward(A, self.params[f"W{l}"], self.params[f"b{l}"])
            caches.append((lin, Z))
            A = np.maximum(Z, 0) if l < self.L else Z
        if Y is None:
            return sigmoid(A)
        cost, dZ = masked_sigmoid_cross_entropy_with_logits(A, Y)
        grads = {}
        for l in range(self.L, 0, -1):
            dA, grads[f"W{l}"], grads[f"b{l}"] = linear_backward(dZ, caches[l - 1][0], need_dA_prev=l > 1)
            if l > 1:
                dZ = dA * (caches[l - 2][1] > 0)
        return cost, grads

    def loss(self, X, Y=None):
        X, Y = self.check_inputs(X, Y)
        return self._loss(X, Y)

    def predict(self, X):
        return (self.loss(X) > 0.5).astype(np.int64)


def hidden_features(model, X, layer=None):
    """Activations of hidden ``layer`` (default: the last hidden layer) of a ReLU ``DeepNet`` or
    ``MultiTaskNet``, shape ``(n[layer], m)``: the representation transfer learning re-uses."""
    L = check_parameters("hidden_features", model.params, n_x=np.shape(X)[0])
    if getattr(model, "hidden_activation", "relu") != "relu":
        raise ValueError(f"hidden_features: expects a ReLU net, got hidden_activation="
                         f"{model.hidden_activation!r}.")
    layer = L - 1 if layer is None else int(layer)
    if not 1 <= layer < L:
        raise ValueError(f"hidden_features: layer must be a hidden layer 1..{L - 1}, got {layer!r}.")
    A = np.asarray(X, dtype=float)
    for l in range(1, layer + 1):
        A = np.maximum(model.params[f"W{l}"] @ A + model.params[f"b{l}"], 0)
    return A
