"""Residual blocks: ``a[l+2] = g(z[l+2] + shortcut(a[l]))``, the skip connection of ResNets.

Layout: ``(m, n_H, n_W, n_C)`` in and out. Three layer classes for ``dl.Sequential``:

- ``Residual(main, shortcut=None, activation="relu")``: any main path (a list of layers) plus
  the identity (``shortcut=None``) or a projection (a list of layers, e.g. a 1x1 conv + BN),
  added, then the activation. The main path and the shortcut must give the same shape.
- ``IdentityBlock((F1, F2, F3), f=3)``: ResNet-50's bottleneck with the identity shortcut::

      x -> CONV 1x1 F1 -> BN -> ReLU -> CONV fxf F2 (same) -> BN -> ReLU -> CONV 1x1 F3 -> BN -> (+ x) -> ReLU

  (needs ``F3 = n_C`` of its input, so the sum is defined).
- ``ConvolutionalBlock((F1, F2, F3), f=3, stride=2)``: the same main path with the stride on
  its first 1x1 conv (as in the course and the paper), and a projection shortcut
  ``CONV 1x1 F3 stride s -> BN`` that matches the new height, width and channels.

Backward through the addition: the gradient reaching the sum goes to BOTH branches unchanged,
``dx = dmain(dz) + dshortcut(dz)`` - with the identity, ``dz`` itself: the gradient has a direct
path to the first layers however deep the net. With zero weights (or ``gamma = 0`` in the last
batch norm) the main path outputs 0 and the block returns ``relu(x)``, i.e. ``x`` for inputs
that come from a ReLU: learning the identity is easy, so extra blocks cannot hurt much.

``use_bias=False`` by default (the batch norm after each conv makes a bias redundant; this is
how the 25,557,032 parameters of ResNet-50 are counted). Keys: ``res{k}_conv1_W``,
``res{k}_bn1_gamma``, ..., ``res{k}_short_conv1_W``.
Taught in: c4/03_classic_networks_and_resnets.
"""
from .activations import get_activation, Activation
from .batchnorm import BatchNorm
from .conv_layers import Conv2D, image_shape
from .layer import Block, check_count

__all__ = ["Residual", "IdentityBlock", "ConvolutionalBlock", "bottleneck_layers"]


class Residual(Block):
    """``g(main(x) + shortcut(x))``; ``shortcut=None`` is the identity."""
    kind = "Residual"
    prefix = "res"

    def __init__(self, main, shortcut=None, activation="relu"):
        chains, names = [list(main)], [""]
        if not chains[0]:
            raise ValueError("Residual: main must be a non-empty list of layers, e.g. "
                             "[dl.Conv2D(8, 3), dl.BatchNorm(), dl.Activation('relu'), dl.Conv2D(8, 3)].")
        if shortcut is not None:
            chains.append(list(shortcut))
            names.append("_short")
        super().__init__(chains, names)
        if activation is not None:
            get_activation(activation, self.kind)
        self.activation = activation
        self.projection = shortcut is not None

    def _shapes(self, in_shape, outs):
        main = outs[0]
        short = outs[1] if self.projection else tuple(in_shape)
        if main != short:
            fix = ("give a projection shortcut (e.g. [dl.Conv2D(n_C, 1, stride=s), dl.BatchNorm()]) "
                   "or use dl.ConvolutionalBlock") if not self.projection else \
                "give the shortcut the main path's stride and number of channels"
            if isinstance(self, IdentityBlock):
                fix = f"an IdentityBlock needs F3 = the input's channels ({short[-1]}); use dl.ConvolutionalBlock"
            raise ValueError(f"{type(self).__name__}: the main path gives {main} but the shortcut gives {short}; "
                             f"they must match to be added - {fix}.")
        return main

    def count(self, in_shape):
        in_shape = image_shape(self.kind, in_shape) if len(tuple(in_shape)) == 3 else tuple(in_shape)
        counted = [self._chain_count(c, in_shape) for c in self.chains]
        out = self._shapes(in_shape, [c[1] for c in counted])
        return sum(c[0] for c in counted), out, sum(c[2] for c in counted)

    def build(self, in_shape, index, rng):
        params, outs = self.build_chains(tuple(in_shape), index, rng)
        return params, self._shapes(tuple(in_shape), outs)

    def forward(self, A, params, model, training):
        Z, main_caches = self.chain_forward(self.chains[0], A, params, model, training)
        if self.projection:
            S, short_caches = self.chain_forward(self.chains[1], A, params, model, training)
        else:
            S, short_caches = A, None
        Z = Z + S
        if self.activation is None:
            return Z, (main_caches, short_caches, None)
        out, act = get_activation(self.activation)[0](Z)
        return out, (main_caches, short_caches, act)

    def backward(self, dout, cache, params, need_dA=True):
        main_caches, short_caches, act = cache
        dZ = dout if act is None else get_activation(self.activation)[1](dout, act)
        dA, grads = self.chain_backward(self.chains[0], dZ, main_caches, params)
        if self.projection:
            dS, g = self.chain_backward(self.chains[1], dZ, short_caches, params)
            grads.update(g)
        else:
            dS = dZ
        return dA + dS, grads

    def describe(self):
        inner = " -> ".join(l.describe() for l in self.chains[0])
        short = " -> ".join(l.describe() for l in self.chains[1]) if self.projection else "identity"
        return f"Residual([{inner}] + {short})"


def _filters(func, filters):
    try:
        F1, F2, F3 = filters
    except (TypeError, ValueError):
        raise ValueError(f"{func}: filters must be three ints (F1, F2, F3), the channels of the 1x1, fxf "
                         f"and 1x1 convs, e.g. (64, 64, 256); got {filters!r}.") from None
    return tuple(check_count(func, "filters", F) for F in (F1, F2, F3))


def bottleneck_layers(filters, f=3, stride=1, use_bias=False, initializer="he"):
    """The main path of ResNet-50's blocks: 1x1 (stride ``stride``), fxf, 1x1 convs with BN and ReLU."""
    F1, F2, F3 = _filters("bottleneck_layers", filters)
    return [Conv2D(F1, 1, stride=stride, pad="valid", use_bias=use_bias, initializer=initializer),
            BatchNorm(), Activation("relu"),
            Conv2D(F2, f, pad="same", use_bias=use_bias, initializer=initializer), BatchNorm(),
            Activation("relu"),
            Conv2D(F3, 1, pad="valid", use_bias=use_bias, initializer=initializer), BatchNorm()]


class IdentityBlock(Residual):
    """ResNet-50's bottleneck block with the identity shortcut (input channels must equal ``F3``)."""

    def __init__(self, filters, f=3, use_bias=False, initializer="he"):
        self.filters, self.f = _filters("IdentityBlock", filters), check_count("IdentityBlock", "f", f)
        super().__init__(bottleneck_layers(self.filters, self.f, 1, use_bias, initializer), None)

    def describe(self):
        return f"IdentityBlock({self.filters}, f={self.f})"


class ConvolutionalBlock(Residual):
    """Bottleneck block with stride ``stride`` and a 1x1 projection shortcut (conv + BN)."""

    def __init__(self, filters, f=3, stride=2, use_bias=False, initializer="he"):
        func = "ConvolutionalBlock"
        self.filters, self.f = _filters(func, filters), check_count(func, "f", f)
        self.stride = check_count(func, "stride", stride)
        shortcut = [Conv2D(self.filters[2], 1, stride=self.stride, pad="valid", use_bias=use_bias,
                           initializer=initializer), BatchNorm()]
        super().__init__(bottleneck_layers(self.filters, self.f, self.stride, use_bias, initializer), shortcut)

    def describe(self):
        return f"ConvolutionalBlock({self.filters}, f={self.f}, s={self.stride})"
