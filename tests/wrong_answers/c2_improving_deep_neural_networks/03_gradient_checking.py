"""Plausible wrong answers for notebooks/c2_improving_deep_neural_networks/03_gradient_checking.ipynb."""

_1D = '''
def forward_1d(x, theta):
    """J = theta * x."""
    return theta * x


def backward_1d(x, theta):
    """dJ/dtheta."""
    return x


def gradient_check_1d(x, theta, epsilon=1e-7):
    """Relative difference."""
    grad_approx = (forward_1d(x, theta + epsilon) - forward_1d(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_1d(x, theta)
    return abs(grad - grad_approx) / (abs(grad) + abs(grad_approx))
'''
_VEC = '''
def dictionary_to_vector(parameters, keys):
    """One column."""
    return np.concatenate([parameters[k].reshape(-1, 1) for k in keys], axis=0)


def vector_to_dictionary(theta, keys, shapes):
    """The inverse."""
    out, start = {}, 0
    for k in keys:
        size = int(np.prod(shapes[k]))
        out[k] = theta[start:start + size].reshape(shapes[k])
        start += size
    return out
'''
_N = '''
def gradient_check_n(cost_and_grads, parameters, epsilon=1e-7):
    """Relative difference."""
    keys = list(parameters)
    shapes = {k: parameters[k].shape for k in keys}
    theta = dictionary_to_vector(parameters, keys)
    grad = dictionary_to_vector(cost_and_grads(parameters)[1], keys)
    grad_approx = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        theta_plus, theta_minus = theta.copy(), theta.copy()
        theta_plus[i] += epsilon
        theta_minus[i] -= epsilon
        J_plus = cost_and_grads(vector_to_dictionary(theta_plus, keys, shapes))[0]
        J_minus = cost_and_grads(vector_to_dictionary(theta_minus, keys, shapes))[0]
        grad_approx[i] = (J_plus - J_minus) / (2 * epsilon)
    return np.linalg.norm(grad - grad_approx) / (np.linalg.norm(grad) + np.linalg.norm(grad_approx))
'''

WRONG_ANSWERS = {
    "forward_1d": [
        ("the check always returns 0.0", _1D.replace(
            "return abs(grad - grad_approx) / (abs(grad) + abs(grad_approx))", "return 0.0")),
        ("divides by epsilon instead of 2 epsilon", _1D.replace("/ (2 * epsilon)", "/ epsilon")),
        ("no normalization: the absolute difference", _1D.replace(
            "abs(grad - grad_approx) / (abs(grad) + abs(grad_approx))", "abs(grad - grad_approx)")),
        ("backward returns theta instead of x", _1D.replace("    return x\n", "    return theta\n")),
    ],
    "dictionary_to_vector": [
        ("flattened column by column (Fortran order)", _VEC.replace(
            "parameters[k].reshape(-1, 1)", "parameters[k].T.reshape(-1, 1)")),
        ("the keys sorted instead of in the given order", _VEC.replace(
            "for k in keys], axis=0)", "for k in sorted(keys)], axis=0)")),
        ("start never advances: every array reads from the top", _VEC.replace("        start += size\n", "")),
        ("a row vector instead of a column", _VEC.replace(
            "np.concatenate([parameters[k].reshape(-1, 1) for k in keys], axis=0)",
            "np.concatenate([parameters[k].reshape(1, -1) for k in keys], axis=1)")),
    ],
    "gradient_check_n": [
        ("always returns 0.0", _N.replace(
            "return np.linalg.norm(grad - grad_approx) / (np.linalg.norm(grad) + np.linalg.norm(grad_approx))", "return 0.0")),
        ("one-sided difference (J(theta + eps) - J(theta)) / eps", _N.replace(
            "grad_approx[i] = (J_plus - J_minus) / (2 * epsilon)",
            "grad_approx[i] = (J_plus - cost_and_grads(parameters)[0]) / epsilon")),
        ("no copy: the nudges pile up in theta", _N.replace(
            "theta_plus, theta_minus = theta.copy(), theta.copy()", "theta_plus, theta_minus = theta, theta")),
        ("normalized by the norm of grad only", _N.replace(
            "(np.linalg.norm(grad) + np.linalg.norm(grad_approx))", "np.linalg.norm(grad_approx) * 2")),
    ],
}
