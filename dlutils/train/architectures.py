"""Classic networks as layer specifications: LeNet-5, AlexNet, VGG-16, ResNet-50.

Each function returns a LIST of layer objects; nothing is allocated until a model is built, so
``dl.count_network(dl.vgg16(), (224, 224, 3))`` counts VGG-16's 138,357,544 parameters on a
laptop (the weights themselves would take 1.1 GB as float64). Build a small one with
``dl.Sequential(dl.lenet5(), input_shape=(32, 32, 1), rng=rng)``.

Published counts reproduced here (ImageNet: 224x224x3 inputs, 1000 classes):

=============  ===============  ===========================================================
network        parameters       variant
=============  ===============  ===========================================================
LeNet-5        61,706           the lecture's: 6 and 16 filters 5x5 valid, 2x2 average pooling,
                                FC 120 - 84 - 10, every C3 map sees all 6 S2 maps (LeCun 1998
                                wired C3 sparsely and had trainable pooling: about 60 k)
AlexNet        61,100,840       torchvision's single-tower variant (64-192-384-256-256 filters)
VGG-16         138,357,544      13 3x3 convs (64 ... 512), FC 4096 - 4096 - 1000
ResNet-50      25,557,032       bottleneck blocks [3, 4, 6, 3], convs without bias, BN gamma/beta
=============  ===============  ===========================================================

ResNet-50 puts each stage's stride on the first 1x1 conv of its ConvolutionalBlock (as the
paper and the course do; torchvision's v1.5 moves it to the 3x3 conv, which changes the
multiply-adds, not the parameters). ``deep_conv_net(depth, residual)`` builds the same small net with or without skip connections
and ``depth_experiment`` trains it (the c4/03 comparison of plain and residual nets).
Taught in: c4/03_classic_networks_and_resnets.
"""
import numpy as np

from ..nn.activations import Activation
from ..nn.batchnorm import BatchNorm
from ..nn.conv_layers import Conv2D, ZeroPadding2D
from ..nn.dense import Dense
from ..nn.flatten import Flatten, GlobalAveragePooling2D
from ..nn.pooling_layers import MaxPool2D, AvgPool2D
from ..nn.regularization import Dropout
from ..nn.residual import IdentityBlock, ConvolutionalBlock, Residual
from ..nn.layer import check_count

__all__ = ["lenet5", "alexnet", "vgg16", "resnet50", "PUBLISHED_COUNTS", "deep_conv_net",
           "conv_gradient_norms", "depth_experiment"]

PUBLISHED_COUNTS = {"lenet5": 61_706, "alexnet": 61_100_840, "vgg16": 138_357_544, "resnet50": 25_557_032}


def lenet5(classes=10, activation="tanh"):
    """LeNet-5 for 32x32x1 inputs: CONV 6 5x5 -> AVGPOOL 2 -> CONV 16 5x5 -> AVGPOOL 2 -> FC 120 -> 84 -> classes."""
    classes = check_count("lenet5", "classes", classes)
    return [Conv2D(6, 5, pad="valid", activation=activation), AvgPool2D(2, 2),
            Conv2D(16, 5, pad="valid", activation=activation), AvgPool2D(2, 2),
            Flatten(), Dense(120, activation=activation), Dense(84, activation=activation),
            Dense(classes, activation="softmax")]


def alexnet(classes=1000, keep_prob=0.5):
    """AlexNet as torchvision builds it (224x224x3 in: 55 -> 27 -> 13 -> 6 spatially)."""
    classes = check_count("alexnet", "classes", classes)
    return [Conv2D(64, 11, stride=4, pad=2, activation="relu"), MaxPool2D(3, 2),
            Conv2D(192, 5, pad=2, activation="relu"), MaxPool2D(3, 2),
            Conv2D(384, 3, pad=1, activation="relu"), Conv2D(256, 3, pad=1, activation="relu"),
            Conv2D(256, 3, pad=1, activation="relu"), MaxPool2D(3, 2), Flatten(),
            Dropout(keep_prob), Dense(4096, activation="relu"), Dropout(keep_prob),
            Dense(4096, activation="relu"), Dense(classes, activation="softmax")]


def vgg16(classes=1000):
    """VGG-16: five stages of 3x3 same convs (2, 2, 3, 3, 3 of them) each ending in a 2x2 max-pool."""
    classes = check_count("vgg16", "classes", classes)
    layers = []
    for n_C, reps in ((64, 2), (128, 2), (256, 3), (512, 3), (512, 3)):
        layers += [Conv2D(n_C, 3, pad="same", activation="relu") for _ in range(reps)]
        layers.append(MaxPool2D(2, 2))
    return layers + [Flatten(), Dense(4096, activation="relu"), Dense(4096, activation="relu"),
                     Dense(classes, activation="softmax")]


def resnet50(classes=1000, stages=(3, 4, 6, 3), width=64, use_bias=False):
    """ResNet-50: 7x7/2 stem, 3x3/2 max-pool, bottleneck stages, global average pool, FC.

    ``stages`` gives the blocks per stage (the first of each is a ConvolutionalBlock with a 1x1
    projection shortcut, stride 1 in stage 1 and 2 after it); ``width`` scales every filter
    count (64 gives the real net; 8 or 16 make a toy that trains on a CPU).
    """
    func = "resnet50"
    classes, width = check_count(func, "classes", classes), check_count(func, "width", width)
    stages = [check_count(func, "blocks per stage", s) for s in stages]
    layers = [ZeroPadding2D(3), Conv2D(width, 7, stride=2, pad="valid", use_bias=use_bias), BatchNorm(),
              Activation("relu"), MaxPool2D(3, 2, pad=1)]
    for i, blocks in enumerate(stages):
        F = width * 2 ** i
        filters = (F, F, 4 * F)
        layers.append(ConvolutionalBlock(filters, 3, stride=1 if i == 0 else 2, use_bias=use_bias))
        layers += [IdentityBlock(filters, 3, use_bias=use_bias) for _ in range(blocks - 1)]
    return layers + [GlobalAveragePooling2D(), Dense(classes, activation="softmax")]


# -- plain against residual ----------------------------------------------------------------------
def deep_conv_net(depth, residual, n_C=8, classes=4, batchnorm=True):
    """A stem conv, then ``depth // 2`` pairs of 3x3 convs, then Flatten and Dense(classes).

    Plain: every pair is ``CONV -> BN -> ReLU -> CONV -> BN -> ReLU``. Residual: the same
    layers, with the input of each pair added before the second ReLU
    (``dl.Residual([CONV, BN, ReLU, CONV, BN])``). Same parameters, same initialization:
    only the skip connections differ. ``depth`` counts the convs after the stem.
    """
    func = "deep_conv_net"
    depth, n_C = check_count(func, "depth", depth, minimum=0), check_count(func, "n_C", n_C)
    classes = check_count(func, "classes", classes, minimum=2)
    layers = [Conv2D(n_C, 3, activation="relu")]
    for _ in range(depth // 2):
        norm = (lambda: [BatchNorm()]) if batchnorm else (lambda: [])
        main = [Conv2D(n_C, 3)] + norm() + [Activation("relu"), Conv2D(n_C, 3)] + norm()
        layers += [Residual(main)] if residual else main + [Activation("relu")]
    return layers + [Flatten(), Dense(classes)]


def conv_gradient_norms(model, X, Y):
    """``||dJ/dW||`` of every conv filter bank, input side first, on one training pass."""
    _, grads = model.loss(X, Y)
    return [float(np.linalg.norm(grads[k])) for k in model.params if k.endswith("_W") and "conv" in k]


def depth_experiment(depth, residual, X, Y, rng, *, n_C=8, batchnorm=True, num_epochs=8,
                     mini_batch_size=32, learning_rate=0.003, callbacks=None):
    """Build ``deep_conv_net(depth, residual)``, measure its gradients, train it with Adam.

    Returns ``{"costs", "final_cost", "train_acc", "grad_norms", "grad_ratio", "seconds"}``:
    ``grad_norms`` per conv layer before training (input side first) and ``grad_ratio`` =
    first conv / last conv (1 = the first layers get as much signal as the last ones).
    """
    from .sequential import Sequential
    classes = int(np.max(Y)) + 1 if np.ndim(Y) == 2 and np.shape(Y)[0] == 1 else np.shape(Y)[0]
    model = Sequential(deep_conv_net(depth, residual, n_C, max(classes, 2), batchnorm),
                       input_shape=np.shape(X)[1:], rng=rng)
    norms = conv_gradient_norms(model, X[:64], Y[..., :64])
    h = model.fit(X, Y, learning_rate=learning_rate, mini_batch_size=mini_batch_size,
                  num_epochs=num_epochs, verbose=False, rng=rng, callbacks=callbacks)
    return {"costs": list(h.costs), "final_cost": float(h.costs[-1]), "train_acc": float(h.train_acc[-1]),
            "grad_norms": norms, "grad_ratio": norms[0] / norms[-1], "seconds": h.seconds,
            "model": model}
