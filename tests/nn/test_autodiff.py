"""dl.Tensor: reverse-mode autodiff checked against centred differences (float64, random
upstream gradients) and against the hand-written backprop of dl.L_model_backward."""
import numpy as np
import pytest

import dlutils as dl
from dlutils.nn.autodiff import Tensor, unbroadcast, topological_order


numeric_grad = dl.numerical_gradient   # the library's centred differences (float64, in place, restored)


def rel_error(a, b):
    return np.linalg.norm(a - b) / max(1e-12, np.linalg.norm(a) + np.linalg.norm(b))


OPS = {
    "add_broadcast": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul_broadcast": lambda a, b: a * b,
    "div": lambda a, b: a / (b * b + 1.0),
    "pow": lambda a, b: (a ** 3) + b,
    "exp_log": lambda a, b: (a * 0.3).exp() + (b * b + 1.0).log(),
    "tanh": lambda a, b: (a * b).tanh(),
    "relu": lambda a, b: (a + b).relu(),
    "sigmoid": lambda a, b: (a - b).sigmoid(),
    "sum_axis": lambda a, b: (a * b).sum(axis=1) * 1.0,
    "mean_axis0": lambda a, b: (a + b).mean(axis=0),
    "reuse": lambda a, b: a * a + a * b,          # a used three times: needs += accumulation
}


@pytest.mark.parametrize("name", sorted(OPS))
def test_every_op_matches_centred_differences(name, rng):
    a_val = rng.uniform(0.2, 1.5, (3, 4)) * rng.choice([-1, 1], (3, 4))
    b_val = rng.uniform(0.2, 1.5, (3, 1)) * rng.choice([-1, 1], (3, 1))
    out_shape = OPS[name](Tensor(a_val), Tensor(b_val)).shape
    up = rng.standard_normal(out_shape)

    def f():
        return float(np.sum(OPS[name](Tensor(a_val), Tensor(b_val)).value * up))

    a, b = Tensor(a_val), Tensor(b_val)
    OPS[name](a, b).backward(up)
    assert rel_error(a.grad, numeric_grad(f, a_val)) < 1e-7
    assert rel_error(b.grad, numeric_grad(f, b_val)) < 1e-7


def test_matmul_and_loss_match_centred_differences(rng):
    W_val, X_val = rng.standard_normal((2, 3)), rng.standard_normal((3, 5))
    Y = (rng.random((1, 5)) > 0.5).astype(float)
    v = rng.standard_normal((1, 2))

    def f():
        return float(dl.sigmoid_cross_entropy(Tensor(v) @ (Tensor(W_val) @ Tensor(X_val)).tanh(), Y).value)

    W, X = Tensor(W_val), Tensor(X_val)
    dl.sigmoid_cross_entropy(Tensor(v) @ (W @ X).tanh(), Y).backward()
    assert rel_error(W.grad, numeric_grad(f, W_val)) < 1e-7
    assert rel_error(X.grad, numeric_grad(f, X_val)) < 1e-7


def test_agrees_with_the_hand_written_backprop_of_course_1(rng):
    dims = [4, 5, 3, 1]
    params = dl.initialize_parameters(dims, "he", rng)
    X = rng.standard_normal((4, 7))
    Y = (rng.random((1, 7)) > 0.5).astype(float)
    AL, caches = dl.L_model_forward(X, params)
    grads = dl.L_model_backward(None, caches, dZL=(AL - Y) / Y.shape[1])
    T = {k: Tensor(v) for k, v in params.items()}
    A = Tensor(X, requires_grad=False)
    for l in (1, 2):
        A = (T[f"W{l}"] @ A + T[f"b{l}"]).relu()
    dl.sigmoid_cross_entropy(T["W3"] @ A + T["b3"], Y).backward()
    for k in params:
        assert np.allclose(T[k].grad, grads[k], atol=1e-12), k


def test_topological_order_puts_inputs_first_and_visits_each_node_once():
    a, b = Tensor(1.0), Tensor(2.0)
    c = a * b
    d = c + a
    order = topological_order(d)
    assert len(order) == len({id(n) for n in order}) == 4
    pos = {id(n): i for i, n in enumerate(order)}
    assert pos[id(a)] < pos[id(c)] < pos[id(d)] and pos[id(b)] < pos[id(c)]


def test_unbroadcast_sums_over_the_copies():
    g = np.arange(6.0).reshape(2, 3)
    assert np.array_equal(unbroadcast(g, (2, 1)), [[3.0], [12.0]])
    assert np.array_equal(unbroadcast(g, (3,)), [3.0, 5.0, 7.0])


def test_a_tiny_net_trained_with_tensors_learns_xor():
    rng = np.random.default_rng(3)
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], float)
    Y = np.array([[0, 1, 1, 0]], float)
    P = {"W1": rng.standard_normal((4, 2)), "b1": np.zeros((4, 1)),
         "W2": rng.standard_normal((1, 4)), "b2": np.zeros((1, 1))}
    for _ in range(1500):
        T = {k: Tensor(v) for k, v in P.items()}
        loss = dl.sigmoid_cross_entropy(T["W2"] @ (T["W1"] @ X + T["b1"]).tanh() + T["b2"], Y)
        loss.backward()
        for k in P:
            P[k] -= 0.5 * T[k].grad
    assert float(loss.value) < 0.05


def test_bad_input_messages():
    with pytest.raises(ValueError, match=r"Tensor @: shapes \(2, 3\) and \(2, 3\) do not chain.*W is \(n\[l\], n\[l-1\]\)"):
        Tensor(np.ones((2, 3))) @ Tensor(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"Tensor.backward: this tensor has shape \(2, 2\).*\.sum\(\)"):
        Tensor(np.ones((2, 2))).relu().backward()
    with pytest.raises(ValueError, match=r"Tensor.backward: grad has shape \(3,\), expected \(2, 2\)"):
        Tensor(np.ones((2, 2))).relu().backward(np.ones(3))
    with pytest.raises(ValueError, match=r"Tensor \*\*: the exponent must be a plain number"):
        Tensor(1.0) ** Tensor(2.0)
    with pytest.raises(ValueError, match=r"sigmoid_cross_entropy: Y has shape \(2,\) but Z is \(1, 2\)"):
        dl.sigmoid_cross_entropy(Tensor(np.zeros((1, 2))), np.zeros(2))
