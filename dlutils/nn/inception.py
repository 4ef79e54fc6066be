"""A multi-branch block whose outputs are concatenated along the channels: the inception module.

Layout: ``(m, n_H, n_W, n_C)`` in; every branch (a list of layers) sees the same input and must
keep the same ``n_H x n_W``; the output stacks the branches' channels in order::

    out = concat([branch_1(x), branch_2(x), ...], axis=channels)        (m, n_H, n_W, sum n_C_j)

Backward splits the gradient by channels and ADDS the branches' input gradients (the input
fans out to every branch). ``Inception.module(...)`` builds the GoogLeNet layout of the lecture:
1x1; 1x1 -> 3x3; 1x1 -> 5x5; 3x3 max-pool (stride 1, same) -> 1x1, each conv with ReLU.
The 1x1 "bottleneck" convs cut the multiplies: 28x28x192 -> 32 channels with 5x5 filters costs
28*28*32*5*5*192 = 120.4 M multiplies, through a 16-channel 1x1 first 2.4 M + 10.0 M = 12.4 M.
Keys: ``inc{k}_b1_conv1_W``, ``inc{k}_b2_conv2_W``, ... Taught in: c4/04.
"""
import numpy as np

from .conv_layers import Conv2D, image_shape
from .layer import Block, check_count
from .pooling_layers import MaxPool2D

__all__ = ["Inception"]


class Inception(Block):
    """Branches applied to the same input, outputs concatenated along the channel axis."""
    kind = "Inception"
    prefix = "inc"

    def __init__(self, branches):
        branches = [list(b) for b in branches]
        if len(branches) < 2 or not all(branches):
            raise ValueError("Inception: branches must be a list of at least two non-empty lists of layers, "
                             "e.g. [[dl.Conv2D(8, 1)], [dl.Conv2D(4, 1), dl.Conv2D(8, 3)]].")
        super().__init__(branches, [f"_b{j + 1}" for j in range(len(branches))])

    @classmethod
    def module(cls, n_1x1, n_3x3_reduce, n_3x3, n_5x5_reduce, n_5x5, n_pool_proj):
        """GoogLeNet's module: the numbers of filters of each conv, in the paper's column order."""
        n = [check_count("Inception.module", "filters", v)
             for v in (n_1x1, n_3x3_reduce, n_3x3, n_5x5_reduce, n_5x5, n_pool_proj)]
        return cls([[Conv2D(n[0], 1, activation="relu")],
                    [Conv2D(n[1], 1, activation="relu"), Conv2D(n[2], 3, activation="relu")],
                    [Conv2D(n[3], 1, activation="relu"), Conv2D(n[4], 5, activation="relu")],
                    [MaxPool2D(3, 1, pad="same"), Conv2D(n[5], 1, activation="relu")]])

    def _join(self, outs):
        sizes = {o[:2] for o in outs}
        if len(sizes) != 1 or any(len(o) != 3 for o in outs):
            raise ValueError(f"Inception: the branches give {outs}; they must keep the same height and "
                             f"width to be concatenated - use pad='same' and the same stride in every branch.")
        self.splits = list(np.cumsum([o[2] for o in outs])[:-1])
        return outs[0][:2] + (int(sum(o[2] for o in outs)),)

    def count(self, in_shape):
        in_shape = image_shape(self.kind, in_shape)
        counted = [self._chain_count(c, in_shape) for c in self.chains]
        return sum(c[0] for c in counted), self._join([c[1] for c in counted]), sum(c[2] for c in counted)

    def build(self, in_shape, index, rng):
        params, outs = self.build_chains(image_shape(self.kind, in_shape), index, rng)
        return params, self._join(outs)

    def forward(self, A, params, model, training):
        outs, caches = [], []
        for chain in self.chains:
            out, c = self.chain_forward(chain, A, params, model, training)
            outs.append(out)
            caches.append(c)
        return np.concatenate(outs, axis=3), caches

    def backward(self, dout, cache, params, need_dA=True):
        dA, grads = 0.0, {}
        for chain, part, c in zip(self.chains, np.split(dout, self.splits, axis=3), cache):
            d, g = self.chain_backward(chain, part, c, params)
            dA = dA + d
            grads.update(g)
        return dA, grads

    def describe(self):
        return "Inception(" + " | ".join(" -> ".join(l.describe() for l in c) for c in self.chains) + ")"
