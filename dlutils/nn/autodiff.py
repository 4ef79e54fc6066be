"""Reverse-mode automatic differentiation on numpy arrays: what a framework does for you.

A ``Tensor`` wraps an array, remembers the tensors it was computed from and a small function
that pushes its gradient back to them. ``loss.backward()`` then

1. sorts the graph topologically (every tensor after all the tensors it was computed from),
2. sets ``loss.grad = 1`` and visits the tensors in reverse order, each one ADDING (``+=``)
   its contribution to the gradients of its inputs: a tensor used twice receives two
   contributions, which is why accumulation, not assignment, is the rule.

Broadcasting is undone on the way back (``unbroadcast``): ``b`` of shape ``(n, 1)`` added to
``Z`` of shape ``(n, m)`` receives ``dZ`` summed over the columns, the lecture's ``db``.

    W = dl.Tensor(W1); b = dl.Tensor(b1)
    A = (W @ dl.Tensor(X) + b).relu()
    loss = ((A - Y) ** 2).mean()
    loss.backward()          # W.grad, b.grad hold dJ/dW, dJ/db

Operations: ``+ - * / **`` (power by a number), ``@``, ``neg``, ``sum``/``mean`` (all or one
axis), ``exp``, ``log``, ``tanh``, ``relu``, ``sigmoid``, and
``sigmoid_cross_entropy(Z, Y)`` (stable, from logits). Layout: any array shape; dense nets use
the course's ``(n, m)``. Taught in: c2/08_automatic_differentiation.
"""
import numpy as np

__all__ = ["Tensor", "unbroadcast", "topological_order", "sigmoid_cross_entropy"]


def unbroadcast(grad, shape):
    """Sum ``grad`` down to ``shape``: the gradient of a broadcast is the sum over the copies."""
    grad = np.asarray(grad, dtype=float)
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, n in enumerate(shape):
        if n == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=axis, keepdims=True)
    return grad


def topological_order(root):
    """Every tensor reachable from ``root``, each after all of its inputs (iterative DFS)."""
    order, seen, stack = [], set(), [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        for parent in node.parents:
            if id(parent) not in seen:
                stack.append((parent, False))
    return order


def _as_tensor(x):
    return x if isinstance(x, Tensor) else Tensor(x, requires_grad=False)


class Tensor:
    """An array with a gradient and the recipe to push it back (see the module docstring)."""

    __array_priority__ = 1000      # so ``ndarray @ Tensor`` calls Tensor.__rmatmul__

    def __init__(self, value, parents=(), backward=None, requires_grad=True, op=""):
        value = np.asarray(value, dtype=float)
        if value.dtype == object:
            raise ValueError(f"Tensor: value must be numeric, got an object array {value!r}.")
        self.value = value
        self.grad = np.zeros_like(value)
        self.parents = tuple(parents)
        self._backward = backward
        self.requires_grad = requires_grad
        self.op = op

    @property
    def shape(self):
        return self.value.shape

    def __repr__(self):
        return f"Tensor(shape={self.shape}, op={self.op or 'leaf'!r})"

    # -- building blocks -------------------------------------------------------------------
    def _make(self, value, parents, backward, op):
        return Tensor(value, parents, backward, any(p.requires_grad for p in parents), op)

    def __add__(self, other):
        other = _as_tensor(other)

        def backward(out):
            self.grad += unbroadcast(out.grad, self.shape)
            other.grad += unbroadcast(out.grad, other.shape)
        return self._make(self.value + other.value, (self, other), backward, "+")

    def __mul__(self, other):
        other = _as_tensor(other)

        def backward(out):
            self.grad += unbroadcast(out.grad * other.value, self.shape)
            other.grad += unbroadcast(out.grad * self.value, other.shape)
        return self._make(self.value * other.value, (self, other), backward, "*")

    def __matmul__(self, other):
        other = _as_tensor(other)
        if self.value.ndim != 2 or other.value.ndim != 2 or self.shape[1] != other.shape[0]:
            raise ValueError(f"Tensor @: shapes {self.shape} and {other.shape} do not chain; the inner "
                             f"sizes must match ((n, k) @ (k, m)) - for W @ A, W is (n[l], n[l-1]) and "
                             f"A is (n[l-1], m).")

        def backward(out):
            self.grad += out.grad @ other.value.T
            other.grad += self.value.T @ out.grad
        return self._make(self.value @ other.value, (self, other), backward, "@")

    def __pow__(self, p):
        if isinstance(p, Tensor) or not np.isscalar(p):
            raise ValueError(f"Tensor **: the exponent must be a plain number, got {type(p).__name__}.")

        def backward(out):
            self.grad += out.grad * p * self.value ** (p - 1)
        return self._make(self.value ** p, (self,), backward, f"**{p}")

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-_as_tensor(other))

    def __truediv__(self, other):
        return self * (_as_tensor(other) ** -1)

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other):
        return _as_tensor(other) - self

    def __rtruediv__(self, other):
        return _as_tensor(other) / self

    def __rmatmul__(self, other):
        return _as_tensor(other) @ self

    def sum(self, axis=None):
        def backward(out):
            g = out.grad if axis is None else np.expand_dims(out.grad, axis)
            self.grad += np.broadcast_to(g, self.shape)
        return self._make(self.value.sum(axis=axis), (self,), backward, "sum")

    def mean(self, axis=None):
        n = self.value.size if axis is None else self.shape[axis]
        return self.sum(axis) * (1.0 / n)

    def _unary(self, value, local_grad, op):
        def backward(out):
            self.grad += out.grad * local_grad
        return self._make(value, (self,), backward, op)

    def exp(self):
        e = np.exp(self.value)
        return self._unary(e, e, "exp")

    def log(self):
        return self._unary(np.log(self.value), 1.0 / self.value, "log")

    def tanh(self):
        t = np.tanh(self.value)
        return self._unary(t, 1.0 - t ** 2, "tanh")

    def relu(self):
        return self._unary(np.maximum(self.value, 0.0), (self.value > 0).astype(float), "relu")

    def sigmoid(self):
        s = np.where(self.value >= 0, 1.0 / (1.0 + np.exp(-np.abs(self.value))),
                     np.exp(-np.abs(self.value)) / (1.0 + np.exp(-np.abs(self.value))))
        return self._unary(s, s * (1.0 - s), "sigmoid")

    # -- reverse mode ----------------------------------------------------------------------
    def zero_grad(self):
        """Reset the gradients of this tensor and everything it was computed from."""
        for node in topological_order(self):
            node.grad = np.zeros_like(node.value)

    def backward(self, grad=None):
        """Fill ``.grad`` of every tensor this one depends on with d(self)/d(tensor).

        ``grad`` defaults to 1 for a scalar; give the upstream gradient for a non-scalar.
        Gradients accumulate: call ``zero_grad()`` (or build a fresh graph) between steps."""
        if grad is None:
            if self.value.size != 1:
                raise ValueError(f"Tensor.backward: this tensor has shape {self.shape}; give the upstream "
                                 f"gradient (backward(grad)) or reduce it to a scalar first (.sum() / .mean()).")
            grad = np.ones_like(self.value)
        grad = np.asarray(grad, dtype=float)
        if grad.shape != self.shape:
            raise ValueError(f"Tensor.backward: grad has shape {grad.shape}, expected {self.shape} (the tensor's own).")
        order = topological_order(self)
        for node in order:
            node.grad = np.zeros_like(node.value)
        self.grad = grad.copy()
        for node in reversed(order):
            if node._backward is not None and node.requires_grad:
                node._backward(node)


def sigmoid_cross_entropy(Z, Y):
    """Mean binary cross-entropy of ``sigmoid(Z)`` against labels ``Y`` (both ``(1, m)``), from the
    logits: ``mean(max(Z, 0) - Z Y + log(1 + exp(-|Z|)))``, whose gradient is ``(sigmoid(Z) - Y) / m``."""
    Z = _as_tensor(Z)
    Y = np.asarray(Y, dtype=float)
    if Y.shape != Z.shape:
        raise ValueError(f"sigmoid_cross_entropy: Y has shape {Y.shape} but Z is {Z.shape}; both are (1, m).")
    z = Z.value
    value = np.mean(np.maximum(z, 0) - z * Y + np.log1p(np.exp(-np.abs(z))))
    s = 1.0 / (1.0 + np.exp(-z))

    def backward(out):
        Z.grad += out.grad * (s - Y) / Y.size
    return Tensor(value, (Z,), backward, Z.requires_grad, "sigmoid_ce")
