"""The layer protocol of ``dl.Sequential``, in one small base class.

Shapes here are PER-EXAMPLE tuples; the batch layouts are the workbook's:

=================  ===================  ===========================
per-example shape  batch layout          used by
=================  ===================  ===========================
``(n,)``           ``(n, m)``            dense layers (one example per column)
``(n_H, n_W, n_C)``  ``(m, n_H, n_W, n_C)``  conv layers (channels last)
``(n_x, T)``       ``(n_x, m, T)``       sequences; a Dense layer applies to every step
=================  ===================  ===========================

A layer object has::

    build(in_shape, index, rng) -> (params: dict, out_shape: tuple)
    forward(A, params, model, training) -> (out, cache)
    backward(dout, cache, params, need_dA) -> (dA, grads)       # grads keyed like params
    count(in_shape) -> (n_params, out_shape, multiply_adds)      # no weights allocated
    describe() -> str
    trainable            False freezes it: Sequential drops its grads (and BatchNorm then
                         normalizes with its running averages)
    weight_keys          the parameter keys L2 (``lambd``) applies to (filled by build)
    param_keys           all its parameter keys (filled by build)
    states()             running state such as batch-norm averages: ``{key: dict}``

``index`` is the layer's number among the layers of its kind (an int: Dense keeps ``W{k}``,
Conv2D uses ``conv{k}_W``) or, for layers inside a block, a string prefix such as
``"res2_conv1"`` (keys then read ``res2_conv1_W``). ``layer_key`` builds both forms.
``multiply_adds`` counts the multiplications of one example's forward pass (a conv layer:
``n_H n_W n_C f f n_C_prev``), the lecture's cost measure. Taught in: c4/02, c4/03.
"""
import numpy as np

__all__ = ["Layer", "Block", "layer_key", "batch_shape", "check_count"]


def layer_key(prefix, index, name):
    """``conv3_W`` for an int index, ``res2_conv1_W`` for a string index ``'res2_conv1'``."""
    if isinstance(index, str):
        return f"{index}_{name}"
    return f"{prefix}{index}_{name}"


def batch_shape(shape):
    """How a batch of per-example ``shape`` is laid out, as text: ``(25, m)``, ``(m, 8, 8, 3)``."""
    shape = tuple(shape)
    dims = ["?" if d is None else str(d) for d in shape]
    if len(shape) == 3:
        return "(m, " + ", ".join(dims) + ")"
    if len(shape) == 2:
        return f"({dims[0]}, m, {dims[1]})"
    return "(" + ", ".join(dims + ["m"]) + ")"


def check_count(func, name, value, minimum=1):
    """An integer size (ints or whole floats) >= ``minimum``; a fix-it ValueError otherwise."""
    ok = not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, np.integer, float, np.floating))
    if ok:
        ok = float(value) == int(value) and int(value) >= minimum
    if not ok:
        raise ValueError(f"{func}: {name} must be a whole number >= {minimum}, got {value!r}; "
                         f"sizes count units, filters or pixels.")
    return int(value)


class Layer:
    """Defaults for the protocol: no parameters, no state, shape unchanged, trainable."""
    kind = "Layer"
    trainable = True

    def __init__(self):
        self.weight_keys, self.param_keys = [], []

    def build(self, in_shape, index, rng):
        return {}, tuple(in_shape)

    def count(self, in_shape):
        """``(n_params, out_shape, multiply_adds)`` from the shapes alone."""
        return 0, self.output_shape(in_shape), 0

    def output_shape(self, in_shape):
        return tuple(in_shape)

    def states(self):
        return {}

    def describe(self):
        return self.kind

    def __repr__(self):
        return self.describe()


SHORT_NAMES = {"Conv2D": "conv", "BatchNorm": "bn", "Dense": "dense", "DepthwiseConv2D": "dw",
               "Residual": "res", "Inception": "inc"}


class Block(Layer):
    """A layer made of chains of layers (residual blocks, inception modules).

    Each chain ``j`` is a list of layer objects; sublayers get string indices such as
    ``res2_conv1`` / ``res2_short_conv1`` (so their keys are unique in ``model.params``).
    Setting ``block.trainable`` sets it on every sublayer; a frozen sublayer contributes no grads.
    """
    kind = "Block"
    prefix = "block"

    def __init__(self, chains, chain_names):
        super().__init__()
        self.chains = [list(c) for c in chains]
        self.chain_names = list(chain_names)
        for chain in self.chains:
            if not all(hasattr(l, "forward") and hasattr(l, "build") for l in chain):
                raise ValueError(f"{self.kind}: every branch must be a list of layer objects "
                                 f"(dl.Conv2D, dl.BatchNorm, dl.Activation, ...), got {chain!r}.")
        self._trainable = True

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, value):
        self._trainable = bool(value)
        for chain in getattr(self, "chains", []):
            for layer in chain:
                layer.trainable = bool(value)

    def sublayers(self):
        return [l for chain in self.chains for l in chain]

    def _chain_count(self, chain, shape):
        n = madds = 0
        for layer in chain:
            if hasattr(layer, "count"):
                k, shape, a = layer.count(shape)
            else:
                _, shape = layer.build(shape, "count", None)
                k = a = 0
            n, madds = n + k, madds + a
        return n, tuple(shape), madds

    def _chain_build(self, chain, name, shape, rng):
        params, counts = {}, {}
        for layer in chain:
            short = SHORT_NAMES.get(layer.kind, layer.kind.lower())
            counts[short] = counts.get(short, 0) + 1
            p, shape = layer.build(shape, f"{self.key_prefix}{name}_{short}{counts[short]}", rng)
            params.update(p)
        return params, tuple(shape)

    def build_chains(self, in_shape, index, rng):
        self.key_prefix = index if isinstance(index, str) else f"{self.prefix}{index}"
        params, outs = {}, []
        for chain, name in zip(self.chains, self.chain_names):
            p, out = self._chain_build(chain, name, in_shape, rng)
            params.update(p)
            outs.append(out)
        subs = self.sublayers()
        self.weight_keys = [k for l in subs for k in getattr(l, "weight_keys", [])]
        self.param_keys = list(params)
        return params, outs

    def states(self):
        out = {}
        for layer in self.sublayers():
            if hasattr(layer, "states"):
                out.update(layer.states())
        return out

    @staticmethod
    def chain_forward(chain, A, params, model, training):
        caches = []
        for layer in chain:
            A, c = layer.forward(A, params, model, training)
            caches.append(c)
        return A, caches

    @staticmethod
    def chain_backward(chain, dA, caches, params):
        grads = {}
        for layer, c in zip(reversed(chain), reversed(caches)):
            dA, g = layer.backward(dA, c, params, need_dA=True)
            if getattr(layer, "trainable", True):
                grads.update(g)
        return dA, grads
