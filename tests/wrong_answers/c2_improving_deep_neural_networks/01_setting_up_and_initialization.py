"""Plausible wrong answers for notebooks/c2_improving_deep_neural_networks/01_setting_up_and_initialization.ipynb."""

_INIT = '\ndef initialize_parameters_zeros(layers_dims):\n    """{"W1", "b1", ..., "WL", "bL"} all zeros: W[l] of shape (n[l], n[l-1]), b[l] of shape (n[l], 1)."""\n    parameters = {}\n    for l in range(1, len(layers_dims)):\n        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))\n        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))\n    return parameters\n\n\ndef initialize_parameters_random(layers_dims, rng, scale=10.0):\n    """Large random weights: W[l] = standard normal (n[l], n[l-1]) * scale drawn from rng in the order W1, W2, ...;\n    zero biases."""\n    parameters = {}\n    for l in range(1, len(layers_dims)):\n        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * scale\n        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))\n    return parameters\n\n\ndef initialize_parameters_he(layers_dims, rng):\n    """He initialization for ReLU layers: W[l] = standard normal (n[l], n[l-1]) * sqrt(2 / n[l-1]), drawn from rng\n    in the order W1, W2, ...; zero biases."""\n    parameters = {}\n    for l in range(1, len(layers_dims)):\n        parameters[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1])) * np.sqrt(2 / layers_dims[l - 1])\n        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))\n    return parameters\n'

WRONG_ANSWERS = {
    "initialize_parameters_zeros": [
        ("He with sqrt(1 / n[l-1]) (that is Xavier)", _INIT.replace("np.sqrt(2 / layers_dims[l - 1])", "np.sqrt(1 / layers_dims[l - 1])")),
        ("He scaled by the units of layer l instead of l-1", _INIT.replace("np.sqrt(2 / layers_dims[l - 1])", "np.sqrt(2 / layers_dims[l])")),
        ("random ignores the scale", _INIT.replace(") * scale\n", ")\n")),
        ("off-by-one: the output layer is missing", _INIT.replace("range(1, len(layers_dims))", "range(1, len(layers_dims) - 1)")),
        ("W transposed in every initializer", _INIT.replace("(layers_dims[l], layers_dims[l - 1])", "(layers_dims[l - 1], layers_dims[l])")),
        ("zeros with np.ones for the weights", _INIT.replace(
            'parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))', 'parameters[f"W{l}"] = np.ones((layers_dims[l], layers_dims[l - 1]))')),
    ],
}
