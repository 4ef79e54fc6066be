"""Plausible wrong answers for notebooks/c4_convolutional_neural_networks/02_cnn_application.ipynb."""

_FORWARD = '''
def cnn_forward(X, params):
    """Forward pass of the two-stage CNN."""
    conv = {"stride": 1, "pad": "same"}
    pool = {"f": 2, "stride": 2}
    Z1, _ = dl.conv_forward(X, params["W1"], params["b1"], conv)
    P1, _ = dl.pool_forward(RELU1, pool, mode="max")
    Z2, _ = dl.conv_forward(P1, params["W2"], params["b2"], conv)
    P2, _ = dl.pool_forward(RELU2, POOL2, mode=MODE)
    F = FLATTEN
    return params["W3"] @ F + params["b3"]
'''


def _forward(relu1="np.maximum(Z1, 0)", relu2="np.maximum(Z2, 0)", pool2="pool", mode='"max"',
             flatten="P2.reshape(P2.shape[0], -1).T"):
    return (_FORWARD.replace("RELU1", relu1).replace("RELU2", relu2).replace("POOL2", pool2)
            .replace("MODE", mode).replace("FLATTEN", flatten))


_STEP = '''
def train_step(model, X_batch, Y_batch, learning_rate):
    """One gradient-descent step on one mini-batch."""
    cost, grads = model.loss(X_batch, Y_batch)
    for key, grad in grads.items():
        UPDATE
    return float(cost)
'''

WRONG_ANSWERS = {
    "cnn_forward": [
        ("no ReLU after the second convolution", _forward(relu2="Z2")),
        ("no ReLU at all (a linear net with pooling)", _forward(relu1="Z1", relu2="Z2")),
        ("Flatten without the transpose, reshaped to (n, m) directly", _forward(flatten="P2.reshape(-1, P2.shape[0])")),
        ("Flatten in channels-first order", _forward(flatten="P2.transpose(0, 3, 1, 2).reshape(P2.shape[0], -1).T")),
        ("average pooling in the second stage", _forward(mode='"average"')),
    ],
    "train_step": [
        ("a step UP the gradient (+ instead of -)",
         _STEP.replace("UPDATE", "model.params[key] = model.params[key] + learning_rate * grad")),
        ("the learning rate forgotten",
         _STEP.replace("UPDATE", "model.params[key] = model.params[key] - grad")),
        ("only the weights updated, the biases left as they are",
         _STEP.replace("UPDATE", "if key.endswith('W'):\n            model.params[key] = model.params[key] - learning_rate * grad")),
        ("the cost of a second pass returned (after the update)",
         _STEP.replace("UPDATE", "model.params[key] = model.params[key] - learning_rate * grad")
              .replace("return float(cost)", "return float(model.loss(X_batch, Y_batch)[0])")),
    ],
}
