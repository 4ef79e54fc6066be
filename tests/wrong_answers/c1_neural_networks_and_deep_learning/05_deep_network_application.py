"""Plausible wrong answers for notebooks/c1_neural_networks_and_deep_learning/05_deep_network_application.ipynb."""

_M = '\ndef two_layer_model(X, Y, parameters, learning_rate=0.0075, num_iterations=2500, record_every=100):\n    """LINEAR -> RELU -> LINEAR -> SIGMOID trained by batch gradient descent from the given initial\n    parameters {"W1", "b1", "W2", "b2"}, one layer at a time with dl.linear_activation_forward /\n    dl.linear_activation_backward (dlutils\' dA is the gradient of J, so it carries the 1/m).\n    Returns (parameters, costs) with the cost before the update of every record_every-th iteration."""\n    parameters = dict(parameters)\n    m = X.shape[1]\n    costs = []\n    for i in range(num_iterations):\n        A1, cache1 = dl.linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")\n        A2, cache2 = dl.linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")\n        if i % record_every == 0:\n            costs.append(dl.binary_cross_entropy(A2, Y))\n        dA2 = -(Y / A2 - (1 - Y) / (1 - A2)) / m\n        dA1, dW2, db2 = dl.linear_activation_backward(dA2, cache2)\n        _, dW1, db1 = dl.linear_activation_backward(dA1, cache1)\n        grads = {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}\n        parameters = {k: parameters[k] - learning_rate * grads[k] for k in parameters}\n    return parameters, costs\n\n\ndef L_layer_model(X, Y, parameters, learning_rate=0.0075, num_iterations=2500, record_every=100):\n    """[LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID trained by batch gradient descent from the given initial\n    parameters, with dl.L_model_forward and dl.L_model_backward (give it dZL = (AL - Y) / m).\n    Returns (parameters, costs) as two_layer_model does."""\n    parameters = dict(parameters)\n    costs = []\n    for i in range(num_iterations):\n        AL, caches = dl.L_model_forward(X, parameters)\n        if i % record_every == 0:\n            costs.append(dl.binary_cross_entropy(AL, Y))\n        grads = dl.L_model_backward(None, caches, dZL=(AL - Y) / Y.shape[1])\n        parameters = {k: parameters[k] - learning_rate * grads[k] for k in parameters}\n    return parameters, costs\n'

WRONG_ANSWERS = {
    "two_layer_model": [
        ("dA2 without the 1/m (the lecture's per-example dA given to dlutils)", _M.replace(
            "dA2 = -(Y / A2 - (1 - Y) / (1 - A2)) / m", "dA2 = -(Y / A2 - (1 - Y) / (1 - A2))")),
        ("L-layer: dZL without the 1/m", _M.replace("dZL=(AL - Y) / Y.shape[1]", "dZL=(AL - Y)")),
        ("the update is computed but never kept in the L-layer loop", _M.replace(
            "        grads = dl.L_model_backward(None, caches, dZL=(AL - Y) / Y.shape[1])\n        parameters = {k: parameters[k] - learning_rate * grads[k] for k in parameters}",
            "        grads = dl.L_model_backward(None, caches, dZL=(AL - Y) / Y.shape[1])\n        new = {k: parameters[k] - learning_rate * grads[k] for k in parameters}")),
        ("two-layer: sigmoid in the hidden layer", _M.replace(
            'dl.linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")',
            'dl.linear_activation_forward(X, parameters["W1"], parameters["b1"], "sigmoid")')),
        ("the cost recorded at every iteration", _M.replace("if i % record_every == 0:", "if True:")),
        ("the learning rate forgotten in the step", _M.replace("parameters[k] - learning_rate * grads[k]", "parameters[k] - grads[k]")),
    ],
}
