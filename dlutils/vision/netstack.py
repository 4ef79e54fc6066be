"""A stack of dl layers ending in a volume, trained on a loss you supply (notebooks c4/05, c4/06).

``dl.Sequential`` ends in a softmax/sigmoid over ``(n_y, m)``; detection and segmentation end in
volumes ``(m, n_H, n_W, n_C)`` with their own losses (``dl.yolo_loss``, ``dl.pixel_softmax_loss``).
``LayerStack`` builds the same layer objects (Conv2D, MaxPool2D, BatchNorm, ...), runs them forward
and backward, and trains with Adam on ``loss_fn(out, targets) -> (cost, dout)``.
Layout: images ``(m, n_H, n_W, n_C)``; mini-batches along axis 0.
"""
import numpy as np

from ..optim.optimizers import adam

__all__ = ["LayerStack"]


class LayerStack:
    """Layers applied in order; ``forward(X, training) -> (out, caches)``, ``backward`` -> grads."""

    batch_axis = 0

    def __init__(self, layers, input_shape, rng):
        if not isinstance(rng, np.random.Generator):
            raise ValueError("LayerStack: rng must be a np.random.Generator, e.g. np.random.default_rng(0)")
        self.layers, self.input_shape, self.rng = list(layers), tuple(input_shape), rng
        self.params, self.bn_state, counts, shape = {}, {}, {}, self.input_shape
        for layer in self.layers:
            kind = getattr(layer, "kind", type(layer).__name__)
            counts[kind] = counts.get(kind, 0) + 1
            p, shape = layer.build(shape, counts[kind], rng)
            if hasattr(layer, "states"):
                self.bn_state.update(layer.states())
            self.params.update(p)
        self.output_shape = tuple(shape)
        self.configs = {}

    def check(self, X, func="LayerStack"):
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 4 or X.shape[1:] != self.input_shape:
            hint = ""
            if X.ndim == 4 and X.shape[1:] == (self.input_shape[2],) + self.input_shape[:2]:
                hint = "; channels first? try X.transpose(0, 2, 3, 1)"
            raise ValueError(f"{func}: X has shape {X.shape} but the network takes (m,) + "
                             f"{self.input_shape} images (m, n_H, n_W, n_C){hint}")
        return X

    def forward(self, X, training=False):
        A, caches = self.check(X, "LayerStack.forward"), []
        for layer in self.layers:
            A, cache = layer.forward(A, self.params, self, training)
            caches.append(cache)
        return A, caches

    def predict(self, X, batch=256):
        X = self.check(X, "LayerStack.predict")
        return np.concatenate([self.forward(X[i:i + batch])[0] for i in range(0, len(X), batch)])

    def backward(self, dout, caches, need_dX=False):
        """Grads of every parameter; with ``need_dX`` returns ``(grads, dX)`` (the input's gradient)."""
        grads, dA = {}, dout
        for i in range(len(self.layers) - 1, -1, -1):
            dA, g = self.layers[i].backward(dA, caches[i], self.params, need_dA=need_dX or i > 0)
            grads.update(g)
        return (grads, dA) if need_dX else grads

    def adam_step(self, grads, learning_rate):
        """One Adam update of the parameters in ``grads``."""
        for k, g in grads.items():
            cfg = self.configs.setdefault(k, {"learning_rate": learning_rate})
            cfg["learning_rate"] = learning_rate
            self.params[k], _ = adam(self.params[k], g, cfg)

    def loss(self, X, targets, loss_fn):
        out, caches = self.forward(X, training=True)
        cost, dout = loss_fn(out, targets)
        return cost, self.backward(dout, caches)

    def fit(self, X, targets, loss_fn, *, learning_rate=0.002, mini_batch_size=32, num_epochs=1,
            rng=None, augment=None, take=None, verbose=False):
        """Adam on mini-batches. ``targets`` is any object; ``take(targets, idx)`` picks a batch of it
        (default: index a tuple of arrays, or an array, along axis 0). Returns the list of batch costs."""
        rng = self.rng if rng is None else rng
        X = self.check(X, "LayerStack.fit")
        if take is None:
            def take(t, idx):
                return type(t)(*[a[idx] for a in t]) if isinstance(t, tuple) else t[idx]
        costs = []
        for epoch in range(num_epochs):
            order = rng.permutation(len(X))
            for s in range(0, len(X), mini_batch_size):
                idx = order[s:s + mini_batch_size]
                xb = X[idx] if augment is None else augment(X[idx], rng)
                cost, grads = self.loss(xb, take(targets, idx), loss_fn)
                self.adam_step(grads, learning_rate)
                costs.append(cost)
            if verbose:
                print(f"epoch {epoch + 1}: cost {np.mean(costs[-(len(X) // mini_batch_size or 1):]):.4f}")
        return costs
