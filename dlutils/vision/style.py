"""Neural style transfer (c4/08): content cost, Gram matrix, style costs, the total cost and its
gradient with respect to the generated image through a feature network, and the pixel optimizer.

Layout: activations of one image ``a (1, n_H, n_W, n_C)`` (channels last); Gram matrices
``(n_C, n_C)``; images ``(n_H, n_W, 3)`` in [0, 1]. Course figures:
    J_content = 1/(4 n_H n_W n_C) sum (a_C - a_G)^2
    G = A A^T with A = a unrolled to (n_C, n_H n_W)   (channels x channels)
    J_style_layer = 1/(4 n_C^2 (n_H n_W)^2) sum (G_S - G_G)^2,  J_style = sum_l lambda_l J_style_layer
    J = alpha J_content + beta J_style  (alpha = 10, beta = 40)
The feature network is NOT downloaded: ``random_feature_net`` is a fixed random multi-scale filter
bank (conv + ReLU + average pooling; Ustyuzhaninov et al. 2016, He, Wang and Hopcroft 2016).
Taught in notebooks/c4_convolutional_neural_networks/08_neural_style_transfer.ipynb.
"""
import numpy as np

from ..nn.conv import conv_backward, conv_forward
from ..nn.pooling import pool_backward, pool_forward

__all__ = ["content_cost", "gram_matrix", "layer_style_cost", "style_cost", "random_feature_net",
           "feature_maps", "style_total_cost", "style_transfer"]


def _act(func, a, name="a"):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim != 4 or a.shape[0] != 1:
        raise ValueError(f"{func}: {name} must be the activations of one image, (1, n_H, n_W, n_C), got shape "
                         f"{a.shape}; add the batch axis with {name}[None] or take one image {name}[i:i+1].")
    return a


def content_cost(a_C, a_G):
    """J_content and its gradient with respect to ``a_G`` -> ``(J, da_G)``."""
    a_C, a_G = _act("content_cost", a_C, "a_C"), _act("content_cost", a_G, "a_G")
    if a_C.shape != a_G.shape:
        raise ValueError(f"content_cost: a_C {a_C.shape} and a_G {a_G.shape} must come from the same layer.")
    _, n_H, n_W, n_C = a_G.shape
    k = 1.0 / (4 * n_H * n_W * n_C)
    diff = a_G - a_C
    return float(k * np.sum(diff ** 2)), 2 * k * diff


def gram_matrix(A):
    """G = A A^T for ``A (n_C, n_H n_W)`` (one row per channel) -> ``(n_C, n_C)``."""
    A = np.asarray(A, dtype=np.float64)
    if A.ndim != 2:
        raise ValueError(f"gram_matrix: A must be (n_C, n_H*n_W), got shape {A.shape}; unroll activations "
                         f"a (1, n_H, n_W, n_C) with a.reshape(-1, n_C).T.")
    return A @ A.T


def layer_style_cost(a_S, a_G):
    """One layer's style cost and its gradient with respect to ``a_G`` -> ``(J, da_G)``."""
    a_S, a_G = _act("layer_style_cost", a_S, "a_S"), _act("layer_style_cost", a_G, "a_G")
    _, n_H, n_W, n_C = a_G.shape
    if a_S.shape[-1] != n_C:
        raise ValueError(f"layer_style_cost: a_S has {a_S.shape[-1]} channels, a_G {n_C}; use the same layer.")
    S, Gm = a_S.reshape(-1, n_C).T, a_G.reshape(-1, n_C).T
    GS, GG = gram_matrix(S), gram_matrix(Gm)
    k = 1.0 / (4 * n_C ** 2 * (n_H * n_W) ** 2)
    diff = GG - GS
    dA = 2 * k * (diff + diff.T) @ Gm                     # (n_C, n_H n_W)
    return float(k * np.sum(diff ** 2)), dA.T.reshape(a_G.shape)


def style_cost(acts_S, acts_G, weights):
    """sum_l weights[l] * layer_style_cost -> ``(J, [da_G per layer])``."""
    J, grads = 0.0, []
    for a_S, a_G, w in zip(acts_S, acts_G, weights):
        j, g = layer_style_cost(a_S, a_G)
        J += w * j
        grads.append(w * g)
    return J, grads


def random_feature_net(rng, channels=(16, 32, 64), n_C_in=3):
    """A fixed random multi-scale filter bank: 3x3 conv + ReLU per block, 2x2 average pooling between
    blocks. Returns a list of ``{"W", "b"}`` dicts (He-scaled random filters, zero biases)."""
    net, c_prev = [], n_C_in
    for c in channels:
        W = rng.normal(0, np.sqrt(2.0 / (9 * c_prev)), (3, 3, c_prev, c))
        net.append({"W": W, "b": np.zeros((1, 1, 1, c))})
        c_prev = c
    return net


def feature_maps(net, X):
    """Activations after every block's ReLU for images ``X (m, n_H, n_W, 3)`` -> (acts, caches)."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 4 or X.shape[-1] != net[0]["W"].shape[2]:
        raise ValueError(f"feature_maps: X must be (m, n_H, n_W, {net[0]['W'].shape[2]}) channels last, got "
                         f"{X.shape}; a single image (n_H, n_W, 3) needs X[None].")
    acts, caches, A = [], [], X - 0.5
    for i, layer in enumerate(net):
        pc = None
        if i > 0:
            A, pc = pool_forward(A, {"f": 2, "stride": 2}, mode="average")
        Z, cc = conv_forward(A, layer["W"], layer["b"], {"stride": 1, "pad": "same"})
        A = np.maximum(Z, 0)
        acts.append(A)
        caches.append((pc, cc, Z))
    return acts, caches


def _backward_to_image(dacts, caches):
    dA = np.zeros_like(dacts[-1])
    for i in range(len(caches) - 1, -1, -1):
        pc, cc, Z = caches[i]
        dA = dA + dacts[i]
        dZ = dA * (Z > 0)
        dA = conv_backward(dZ, cc)[0]
        if pc is not None:
            dA = pool_backward(dA, pc)
    return dA


def style_total_cost(net, G, a_C, acts_S, content_layer, style_weights, alpha=10.0, beta=40.0):
    """J = alpha J_content + beta J_style at image ``G (1, n_H, n_W, 3)``; the gradient goes back through
    the feature network to the pixels. Returns ``(J, J_content, J_style, dG)``."""
    acts, caches = feature_maps(net, G)
    Jc, dc = content_cost(a_C, acts[content_layer])
    Js, ds = style_cost(acts_S, acts, style_weights)
    dacts = [beta * d for d in ds]
    dacts[content_layer] = dacts[content_layer] + alpha * dc
    return alpha * Jc + beta * Js, Jc, Js, _backward_to_image(dacts, caches)


def style_transfer(net, content, style, rng, *, content_layer=2, style_weights=(0.4, 0.3, 0.3),
                   alpha=10.0, beta=400.0, num_iterations=200, learning_rate=0.03, noise=0.2):
    """Adam on the pixels of G, clipped to [0, 1] after every step, starting from the content image
    plus noise. beta defaults to 400, not the course's 40: a random filter bank's Gram matrices are
    smaller than VGG-19's, and beta/alpha = 40 leaves the style cost falling only about fourfold. Returns ``(G (n_H, n_W, 3), history dict of J, J_content, J_style per step)``."""
    C, S = np.asarray(content, float)[None], np.asarray(style, float)[None]
    a_C = feature_maps(net, C)[0][content_layer]
    acts_S = feature_maps(net, S)[0]
    G = np.clip(C + rng.uniform(-noise, noise, C.shape), 0, 1)
    v, s = np.zeros_like(G), np.zeros_like(G)
    hist = {"J": [], "J_content": [], "J_style": []}
    for t in range(1, num_iterations + 1):
        J, Jc, Js, dG = style_total_cost(net, G, a_C, acts_S, content_layer, style_weights, alpha, beta)
        for k, x in zip(hist, (J, Jc, Js)):
            hist[k].append(x)
        v = 0.9 * v + 0.1 * dG
        s = 0.999 * s + 0.001 * dG ** 2
        G = np.clip(G - learning_rate * (v / (1 - 0.9 ** t)) / (np.sqrt(s / (1 - 0.999 ** t)) + 1e-8), 0, 1)
    return G[0], hist
