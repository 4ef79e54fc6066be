"""Plausible wrong answers for notebooks/c2_improving_deep_neural_networks/04_optimization.ipynb."""

_RMB = '\ndef random_mini_batches(X, Y, mini_batch_size, rng):\n    """Shuffle the m columns of X (n_x, m) and Y (n_y, m) with ONE rng.permutation(m), then cut them into\n    consecutive mini-batches of mini_batch_size columns (the last one holds what is left).\n    Returns a list of (X_batch, Y_batch) pairs."""\n    m = X.shape[1]\n    perm = rng.permutation(m)\n    X_shuffled, Y_shuffled = X[:, perm], Y[:, perm]\n    return [(X_shuffled[:, k:k + mini_batch_size], Y_shuffled[:, k:k + mini_batch_size])\n            for k in range(0, m, mini_batch_size)]\n\n\ndef update_parameters_with_gd(parameters, grads, learning_rate):\n    """One gradient-descent step for every parameter: a new dict, the inputs unchanged."""\n    return {k: parameters[k] - learning_rate * grads[k] for k in parameters}\n'
_EWMA = '\ndef ewma_inline(theta, beta, bias_correction=True):\n    """Exponentially weighted moving average of the 1-D sequence theta: v_t = beta v_(t-1) + (1 - beta) theta_t\n    from v_0 = 0, divided by (1 - beta^t) when bias_correction is on. Returns an array as long as theta."""\n    v, out = 0.0, np.zeros(len(theta))\n    for t in range(1, len(theta) + 1):\n        v = beta * v + (1 - beta) * theta[t - 1]\n        out[t - 1] = v / (1 - beta ** t) if bias_correction else v\n    return out\n'
_OPT = '\ndef initialize_state(parameters):\n    """One zero array per parameter, same keys and shapes (the v or s of the equations)."""\n    return {k: np.zeros_like(p) for k, p in parameters.items()}\n\n\ndef momentum_update(parameters, grads, v, beta, learning_rate):\n    """One momentum step for every parameter; returns (parameters, v) after the step."""\n    for k in parameters:\n        v[k] = beta * v[k] + (1 - beta) * grads[k]\n        parameters[k] = parameters[k] - learning_rate * v[k]\n    return parameters, v\n\n\ndef rmsprop_update(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):\n    """One RMSprop step for every parameter; returns (parameters, s) after the step."""\n    for k in parameters:\n        s[k] = beta2 * s[k] + (1 - beta2) * grads[k] ** 2\n        parameters[k] = parameters[k] - learning_rate * grads[k] / (np.sqrt(s[k]) + epsilon)\n    return parameters, s\n\n\ndef adam_update(parameters, grads, v, s, t, learning_rate, beta1=0.9, beta2=0.999, epsilon=1e-8):\n    """One Adam step (t = 1, 2, ... counts the steps, for the bias correction); returns (parameters, v, s)."""\n    for k in parameters:\n        v[k] = beta1 * v[k] + (1 - beta1) * grads[k]\n        s[k] = beta2 * s[k] + (1 - beta2) * grads[k] ** 2\n        v_hat = v[k] / (1 - beta1 ** t)\n        s_hat = s[k] / (1 - beta2 ** t)\n        parameters[k] = parameters[k] - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)\n    return parameters, v, s\n'
_DECAY = '\ndef update_lr(learning_rate0, epoch_num, decay_rate):\n    """Inverse-time decay: the learning rate for epoch epoch_num (0, 1, 2, ...)."""\n    return learning_rate0 / (1 + decay_rate * epoch_num)\n\n\ndef schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):\n    """Stepwise inverse-time decay: the rate drops only every time_interval epochs."""\n    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))\n'

WRONG_ANSWERS = {
    "random_mini_batches": [
        ("the last, smaller mini-batch is dropped", _RMB.replace(
            "for k in range(0, m, mini_batch_size)]", "for k in range(0, m - mini_batch_size + 1, mini_batch_size)]")),
        ("X and Y shuffled with two different permutations", _RMB.replace(
            "X_shuffled, Y_shuffled = X[:, perm], Y[:, perm]", "X_shuffled, Y_shuffled = X[:, perm], Y[:, rng.permutation(m)]")),
        ("no shuffle at all", _RMB.replace("X_shuffled, Y_shuffled = X[:, perm], Y[:, perm]", "X_shuffled, Y_shuffled = X, Y")),
        ("off-by-one slices: one column short", _RMB.replace(
            "X_shuffled[:, k:k + mini_batch_size], Y_shuffled[:, k:k + mini_batch_size]",
            "X_shuffled[:, k:k + mini_batch_size - 1], Y_shuffled[:, k:k + mini_batch_size - 1]")),
        ("the GD step adds the gradient", _RMB.replace("parameters[k] - learning_rate * grads[k]", "parameters[k] + learning_rate * grads[k]")),
    ],
    "ewma_inline": [
        ("bias correction applied to the running value itself", _EWMA.replace(
            "        out[t - 1] = v / (1 - beta ** t) if bias_correction else v\n",
            "        v = v / (1 - beta ** t) if bias_correction else v\n        out[t - 1] = v\n")),
        ("beta and 1 - beta swapped", _EWMA.replace("v = beta * v + (1 - beta) * theta[t - 1]", "v = (1 - beta) * v + beta * theta[t - 1]")),
        ("correction with beta^(t-1): off by one step", _EWMA.replace("(1 - beta ** t)", "(1 - beta ** (t - 1) + 1e-12)")),
    ],
    "initialize_state": [
        ("Adam without bias correction", _OPT.replace("v_hat = v[k] / (1 - beta1 ** t)", "v_hat = v[k]").replace(
            "s_hat = s[k] / (1 - beta2 ** t)", "s_hat = s[k]")),
        ("momentum without the (1 - beta) factor", _OPT.replace(
            "v[k] = beta * v[k] + (1 - beta) * grads[k]", "v[k] = beta * v[k] + grads[k]")),
        ("RMSprop without the square root", _OPT.replace(
            "grads[k] / (np.sqrt(s[k]) + epsilon)", "grads[k] / (s[k] + epsilon)")),
        ("Adam stores the corrected v in the state", _OPT.replace(
            "        v_hat = v[k] / (1 - beta1 ** t)\n", "        v[k] = v[k] / (1 - beta1 ** t)\n        v_hat = v[k]\n")),
        ("Adam's s from the gradient, not its square", _OPT.replace(
            "s[k] = beta2 * s[k] + (1 - beta2) * grads[k] ** 2\n        v_hat", "s[k] = beta2 * s[k] + (1 - beta2) * abs(grads[k])\n        v_hat")),
    ],
    "update_lr": [
        ("multiplies instead of dividing", _DECAY.replace(
            "return learning_rate0 / (1 + decay_rate * epoch_num)", "return learning_rate0 * (1 + decay_rate * epoch_num)")),
        ("stepwise without the floor", _DECAY.replace("np.floor(epoch_num / time_interval)", "(epoch_num / time_interval)")),
        ("stepwise rounds instead of flooring", _DECAY.replace("np.floor(epoch_num / time_interval)", "np.round(epoch_num / time_interval)")),
        ("decay rate forgotten in the inverse-time rule", _DECAY.replace("(1 + decay_rate * epoch_num)", "(1 + epoch_num)")),
    ],
}
