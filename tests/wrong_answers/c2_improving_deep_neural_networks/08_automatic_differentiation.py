"""Plausible wrong answers for c2/08's exercises; each must turn its check cell red (AssertionError)."""

WRONG_ANSWERS = {
    "matmul_grads": [
        ("dB as dZ.T @ A (the transpose of the right answer)", '''
def matmul_grads(dZ, A, B):
    return dZ @ B.T, dZ.T @ A
'''),
        ("a stray 1/m, as if the product were a cost average", '''
def matmul_grads(dZ, A, B):
    m = dZ.shape[1]
    return dZ @ B.T / m, A.T @ dZ / m
'''),
        ("the gradients swapped between A and B", '''
def matmul_grads(dZ, A, B):
    return A.T @ dZ, dZ @ B.T
'''),
    ],
    "unbroadcast": [
        ("returns the gradient unchanged", '''
def unbroadcast(grad, shape):
    return grad
'''),
        ("sums over the wrong axis (axis 0 for a column bias)", '''
def unbroadcast(grad, shape):
    import numpy as np
    grad = np.asarray(grad, dtype=float)
    while grad.ndim > len(shape):
        grad = grad.sum(axis=0)
    for axis, n in enumerate(shape):
        if n == 1 and grad.shape[axis] != 1:
            grad = grad.sum(axis=1 - axis if grad.ndim == 2 else axis, keepdims=True)
    return grad
'''),
        ("averages instead of summing the copies", '''
def unbroadcast(grad, shape):
    import numpy as np
    grad = np.asarray(grad, dtype=float)
    while grad.ndim > len(shape):
        grad = grad.mean(axis=0)
    for axis, n in enumerate(shape):
        if n == 1 and grad.shape[axis] != 1:
            grad = grad.mean(axis=axis, keepdims=True)
    return grad
'''),
    ],
    "topological_order": [
        ("pre-order: a node listed before its parents", '''
def topological_order(root):
    order, visited = [], set()
    def visit(node):
        if id(node) in visited:
            return
        visited.add(id(node))
        order.append(node)
        for parent in node.parents:
            visit(parent)
    visit(root)
    return order
'''),
        ("no visited set: shared nodes listed twice", '''
def topological_order(root):
    order = []
    def visit(node):
        for parent in node.parents:
            visit(parent)
        order.append(node)
    visit(root)
    return order
'''),
    ],
    "backward": [
        ("= instead of +=: a node used twice keeps only one share", '''
def backward(root):
    import numpy as np
    order = topological_order(root)
    for node in order:
        node.grad = np.zeros_like(node.value)
    root.grad = np.ones_like(root.value)
    for node in reversed(order):
        if node.grad_fn is None:
            continue
        for parent, g in zip(node.parents, node.grad_fn(node.grad)):
            parent.grad = g
'''),
        ("walks the order forwards (inputs first)", '''
def backward(root):
    import numpy as np
    order = topological_order(root)
    for node in order:
        node.grad = np.zeros_like(node.value)
    root.grad = np.ones_like(root.value)
    for node in order:
        if node.grad_fn is None:
            continue
        for parent, g in zip(node.parents, node.grad_fn(node.grad)):
            parent.grad = parent.grad + g
'''),
        ("root gradient left at 0", '''
def backward(root):
    import numpy as np
    order = topological_order(root)
    for node in order:
        node.grad = np.zeros_like(node.value)
    for node in reversed(order):
        if node.grad_fn is None:
            continue
        for parent, g in zip(node.parents, node.grad_fn(node.grad)):
            parent.grad = parent.grad + g
'''),
    ],
}
