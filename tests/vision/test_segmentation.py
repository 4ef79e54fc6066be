import numpy as np
import pytest

import dlutils as dl


def test_pixel_softmax_loss_value_and_gradient():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(2, 3, 4, 3))
    y = rng.integers(0, 3, (2, 3, 4))
    cost, dZ = dl.pixel_softmax_loss(Z, y)
    p = np.exp(Z) / np.exp(Z).sum(-1, keepdims=True)
    want = -np.mean(np.log(np.take_along_axis(p, y[..., None], -1)))
    assert cost == pytest.approx(want)
    num = dl.numerical_gradient(lambda: dl.pixel_softmax_loss(Z, y)[0], Z)
    assert dl.relative_error(dZ, num) < 1e-7
    w = np.array([1.0, 3.0, 5.0])
    cw, dw = dl.pixel_softmax_loss(Z, y, w)
    assert cw > cost
    assert dl.relative_error(dw, dl.numerical_gradient(lambda: dl.pixel_softmax_loss(Z, y, w)[0], Z)) < 1e-7
    with pytest.raises(ValueError, match="class_weights has shape"):
        dl.pixel_softmax_loss(Z, y, [1.0, 2.0])


def test_accuracy_and_mean_iou_hand_case():
    t = np.array([[[0, 0, 1, 1], [0, 2, 2, 1]]])
    p = np.array([[[0, 1, 1, 1], [0, 2, 0, 1]]])
    assert dl.pixel_accuracy(p, t) == 6 / 8
    m, per = dl.mean_iou(p, t, 3)
    assert per == {0: pytest.approx(2 / 4), 1: pytest.approx(3 / 4), 2: pytest.approx(1 / 2)}
    assert m == pytest.approx((0.5 + 0.75 + 0.5) / 3)


def test_concat_and_split_are_inverse():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(2, 4, 4, 3)), rng.normal(size=(2, 4, 4, 5))
    c = dl.concat_channels(a, b)
    assert c.shape == (2, 4, 4, 8)
    x, y = dl.split_channels(c, 3)
    np.testing.assert_array_equal(x, a)
    np.testing.assert_array_equal(y, b)
    with pytest.raises(ValueError, match="upsample the smaller"):
        dl.concat_channels(a, rng.normal(size=(2, 2, 2, 3)))


@pytest.mark.parametrize("skip", [True, False])
def test_unet_whole_model_gradient_check(skip):
    rng = np.random.default_rng(2)
    net = dl.UNet(3, (8, 8, 2), rng, base=2, skip=skip)
    for s in net.stacks:                                  # non-zero biases everywhere
        for k in s.params:
            s.params[k] = s.params[k] + 0.1 * rng.normal(size=s.params[k].shape)
    X = rng.normal(size=(2, 8, 8, 2))
    y = rng.integers(0, 3, (2, 8, 8))
    cost, grads = net.loss(X, y)
    worst = 0.0
    for s, g in zip(net.stacks, grads):                   # 6 random entries of every parameter array
        for k, P in s.params.items():
            idx = [tuple(rng.integers(0, n) for n in P.shape) for _ in range(6)]
            num, ana = [], []
            for i in idx:
                old = P[i]
                P[i] = old + 1e-6
                up = net.loss(X, y)[0]
                P[i] = old - 1e-6
                down = net.loss(X, y)[0]
                P[i] = old
                num.append((up - down) / 2e-6)
                ana.append(g[k][i])
            worst = max(worst, dl.relative_error(np.array(ana), np.array(num)))
    assert worst < 1e-6, worst
    assert net.predict(X).shape == (2, 8, 8)


def test_bad_input():
    net = dl.UNet(3, (8, 8, 2), np.random.default_rng(0), base=2)
    X = np.zeros((1, 8, 8, 2))
    with pytest.raises(ValueError, match="build it with n_classes=5"):
        net.loss(X, np.full((1, 8, 8), 4))
    with pytest.raises(ValueError, match="channels first"):
        net.loss(np.zeros((1, 2, 8, 8)), np.zeros((1, 8, 8), int))
    with pytest.raises(ValueError, match=r"\(m, n_H, n_W\) class numbers"):
        dl.pixel_softmax_loss(np.zeros((1, 8, 8, 3)), np.zeros((1, 8, 8, 3)))
    with pytest.raises(ValueError, match="multiples of 4"):
        dl.UNet(3, (10, 10, 2), np.random.default_rng(0))
