"""Semantic segmentation: per-pixel softmax cross-entropy, pixel accuracy, mean IoU, skip
connections by concatenation and a small U-Net (notebook c4/06 semantic segmentation).

Layout: images ``(m, n_H, n_W, n_C)``; logits ``(m, n_H, n_W, C)``; masks ``(m, n_H, n_W)`` ints in
``0..C-1``. The U-Net: two contracting levels (two 3x3 convs + ReLU, then 2x2 max-pool), a
bottleneck, and an expanding path whose transposed convolutions upsample by 2 and whose outputs are
CONCATENATED (channels) with the contracting path's feature maps of the same size before two more
3x3 convs; a 1x1 conv gives C logits per pixel. ``skip=False`` builds the same network without
the concatenations (the decoder sees only the upsampled bottleneck).
"""
import numpy as np

from ..nn.conv_layers import Conv2D
from ..nn.pooling_layers import MaxPool2D
from ..nn.transposed_conv import Conv2DTranspose
from .netstack import LayerStack

__all__ = ["check_masks", "pixel_softmax_loss", "pixel_accuracy", "mean_iou", "concat_channels",
           "split_channels", "UNet"]


def check_masks(func, masks, n_classes, shape=None):
    masks = np.asarray(masks)
    if masks.ndim != 3:
        raise ValueError(f"{func}: masks have shape {masks.shape} but are (m, n_H, n_W) class numbers; "
                         f"from one-hot masks take argmax(axis=-1)")
    if shape is not None and masks.shape != tuple(shape):
        raise ValueError(f"{func}: masks have shape {masks.shape} but the predictions are {tuple(shape)}")
    if masks.size and (masks.min() < 0 or masks.max() >= n_classes):
        raise ValueError(f"{func}: masks hold classes {int(masks.min())}..{int(masks.max())} but the model has "
                         f"{n_classes} classes (0..{n_classes - 1}); build it with n_classes={int(masks.max()) + 1}")
    return masks.astype(np.int64)


def pixel_softmax_loss(logits, masks, class_weights=None):
    """Mean over all pixels of the softmax cross-entropy: ``(cost, dlogits)``. With
    ``class_weights (C,)`` each pixel's term is multiplied by the weight of its true class (rare
    classes count more); the mean stays over the number of pixels."""
    Z = np.asarray(logits, dtype=np.float64)
    if Z.ndim != 4:
        raise ValueError(f"pixel_softmax_loss: logits have shape {Z.shape}, expected (m, n_H, n_W, C)")
    y = check_masks("pixel_softmax_loss", masks, Z.shape[3], Z.shape[:3])
    shifted = Z - Z.max(axis=-1, keepdims=True)
    logp = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    n = y.size
    picked = np.take_along_axis(logp, y[..., None], axis=-1)
    d = np.exp(logp)
    np.put_along_axis(d, y[..., None], np.take_along_axis(d, y[..., None], axis=-1) - 1.0, axis=-1)
    if class_weights is None:
        return float(-picked.sum() / n), d / n
    w = np.asarray(class_weights, dtype=np.float64)
    if w.shape != (Z.shape[3],):
        raise ValueError(f"pixel_softmax_loss: class_weights has shape {w.shape}, expected ({Z.shape[3]},)")
    wy = w[y][..., None]
    return float(-(wy * picked).sum() / n), wy * d / n


def pixel_accuracy(pred, masks):
    pred, masks = np.asarray(pred), np.asarray(masks)
    if pred.shape != masks.shape:
        raise ValueError(f"pixel_accuracy: pred {pred.shape} and masks {masks.shape} differ; pass class maps (m, n_H, n_W)")
    return float(np.mean(pred == masks))


def mean_iou(pred, masks, n_classes):
    """``(mean, per_class)``: IoU of each class over the whole set, mean over the classes present."""
    pred = np.asarray(pred)
    masks = check_masks("mean_iou", masks, n_classes, pred.shape)
    per = {}
    for c in range(n_classes):
        union = np.sum((pred == c) | (masks == c))
        if union:
            per[c] = float(np.sum((pred == c) & (masks == c)) / union)
    return float(np.mean(list(per.values()))), per


def concat_channels(a, b):
    """The skip connection: stack two volumes of the same height and width along the channels."""
    if a.shape[:3] != b.shape[:3]:
        raise ValueError(f"concat_channels: volumes {a.shape} and {b.shape} differ in (m, n_H, n_W); "
                         f"upsample the smaller one first")
    return np.concatenate([a, b], axis=3)


def split_channels(d, n_first):
    """Backward of ``concat_channels``: the gradient of each part."""
    return d[..., :n_first], d[..., n_first:]


STACK_NAMES = ("enc1", "enc2", "mid", "dec2", "dec1")


class UNet:
    """``UNet(n_classes, input_shape, rng, base=8, skip=True)``; ``loss``, ``fit``, ``predict``."""

    def __init__(self, n_classes, input_shape, rng, base=8, skip=True, class_weights=None):
        n_H, n_W, n_C = input_shape
        if n_H % 4 or n_W % 4:
            raise ValueError(f"UNet: height and width must be multiples of 4 (two 2x2 pools), got {input_shape}")
        b, self.skip, self.n_classes = base, bool(skip), n_classes
        conv = lambda k: Conv2D(k, 3, activation="relu")  # noqa: E731
        self.enc1 = LayerStack([conv(b), conv(b)], (n_H, n_W, n_C), rng)
        self.enc2 = LayerStack([MaxPool2D(2), conv(2 * b), conv(2 * b)], (n_H, n_W, b), rng)
        self.mid = LayerStack([MaxPool2D(2), conv(4 * b), conv(4 * b), Conv2DTranspose(2 * b, 2, 2)],
                              (n_H // 2, n_W // 2, 2 * b), rng)
        self.dec2 = LayerStack([conv(2 * b), conv(2 * b), Conv2DTranspose(b, 2, 2)],
                               (n_H // 2, n_W // 2, 4 * b if skip else 2 * b), rng)
        self.dec1 = LayerStack([conv(b), conv(b), Conv2D(n_classes, 1)], (n_H, n_W, 2 * b if skip else b), rng)
        self.stacks = [self.enc1, self.enc2, self.mid, self.dec2, self.dec1]
        self.input_shape, self.rng = tuple(input_shape), rng
        self.class_weights = None if class_weights is None else np.asarray(class_weights, dtype=np.float64)

    def save_weights(self, path, attrs=None):
        """Every stack's parameters to ``.h5`` (groups ``enc1 ... dec1``; no timestamps, so bytes repeat)."""
        import h5py
        with h5py.File(path, "w", libver="earliest", track_order=False) as f:
            for k, v in (attrs or {}).items():
                f.attrs[k] = v
            for name, stack in zip(STACK_NAMES, self.stacks):
                g = f.create_group(name, track_order=False)
                for k in sorted(stack.params):
                    g.create_dataset(k, data=stack.params[k], track_times=False)
        return path

    def load_weights(self, path):
        import h5py
        with h5py.File(path, "r") as f:
            for name, stack in zip(STACK_NAMES, self.stacks):
                for k in stack.params:
                    w = f[name][k][...]
                    if w.shape != stack.params[k].shape:
                        raise ValueError(f"UNet.load_weights: {name}/{k} has shape {w.shape} in {path} but "
                                         f"{stack.params[k].shape} here; build the UNet with the same base and skip")
                    stack.params[k] = w.astype(np.float64)
        return self

    def count_params(self):
        return int(sum(v.size for s in self.stacks for v in s.params.values()))

    def _forward(self, X, training):
        s1, c1 = self.enc1.forward(X, training)
        s2, c2 = self.enc2.forward(s1, training)
        u2, c3 = self.mid.forward(s2, training)
        u1, c4 = self.dec2.forward(concat_channels(u2, s2) if self.skip else u2, training)
        out, c5 = self.dec1.forward(concat_channels(u1, s1) if self.skip else u1, training)
        return out, (c1, c2, c3, c4, c5, u1.shape[3], u2.shape[3])

    def _backward(self, dout, caches):
        c1, c2, c3, c4, c5, n_u1, n_u2 = caches
        grads = [None] * 5
        grads[4], d = self.dec1.backward(dout, c5, need_dX=True)
        du1, ds1 = split_channels(d, n_u1) if self.skip else (d, 0.0)
        grads[3], d = self.dec2.backward(du1, c4, need_dX=True)
        du2, ds2 = split_channels(d, n_u2) if self.skip else (d, 0.0)
        grads[2], d = self.mid.backward(du2, c3, need_dX=True)
        grads[1], d = self.enc2.backward(d + ds2, c2, need_dX=True)
        grads[0] = self.enc1.backward(d + ds1, c1)
        return grads

    def predict_logits(self, X, batch=200):
        X = self.enc1.check(X, "UNet.predict")
        return np.concatenate([self._forward(X[i:i + batch], False)[0] for i in range(0, len(X), batch)])

    def predict(self, X):
        """Class map ``(m, n_H, n_W)``."""
        return np.argmax(self.predict_logits(X), axis=-1)

    def loss(self, X, masks):
        """``(cost, grads per stack)`` of the per-pixel softmax cross-entropy on one batch."""
        out, caches = self._forward(self.enc1.check(X, "UNet.loss"), True)
        check_masks("UNet.loss", masks, self.n_classes, out.shape[:3])
        cost, dout = pixel_softmax_loss(out, masks, self.class_weights)
        return cost, self._backward(dout, caches)

    def fit(self, X, masks, learning_rate=0.003, mini_batch_size=32, num_epochs=1, rng=None):
        rng = self.rng if rng is None else rng
        X = self.enc1.check(X, "UNet.fit")
        masks = check_masks("UNet.fit", masks, self.n_classes, X.shape[:3])
        costs = []
        for _ in range(num_epochs):
            order = rng.permutation(len(X))
            for s in range(0, len(X), mini_batch_size):
                idx = order[s:s + mini_batch_size]
                cost, grads = self.loss(X[idx], masks[idx])
                for stack, g in zip(self.stacks, grads):
                    stack.adam_step(g, learning_rate)
                costs.append(cost)
        return costs
