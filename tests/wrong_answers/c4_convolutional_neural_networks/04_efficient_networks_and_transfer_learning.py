"""Plausible wrong answers for notebooks/c4_convolutional_neural_networks/04_efficient_networks_and_transfer_learning.ipynb."""

_CONV = '''
def conv_multiplies(n_H, n_W, n_C, f, n_C_prev):
    """Multiplies of a conv layer."""
    return BODY
'''

_DW = '''
def depthwise_separable_multiplies(n_H, n_W, n_C_prev, n_C, f):
    """(depthwise, pointwise) multiplies."""
    depthwise = DEPTHWISE
    pointwise = POINTWISE
    return RETURN
'''


def _dw(depthwise="n_H * n_W * n_C_prev * f * f", pointwise="n_H * n_W * n_C * n_C_prev",
        ret="depthwise, pointwise"):
    return _DW.replace("DEPTHWISE", depthwise).replace("POINTWISE", pointwise).replace("RETURN", ret)


_TRANSFER = '''
def transfer_model(weights_path, rng):
    """A pretrained, frozen objects_base() with a new head."""
    base = objects_base()
    model = dl.Sequential(base + [dl.Dense(1, activation="sigmoid")], input_shape=(32, 32, 3),
                          loss="binary_cross_entropy", rng=rng)
    base_keys = [k for layer in base for k in layer.param_keys]
    LOAD
    FREEZE
    return model
'''


def _transfer(load="dl.load_weights(model, weights_path, keys=base_keys)", freeze="dl.freeze(model, upto=len(base))"):
    return _TRANSFER.replace("LOAD", load).replace("FREEZE", freeze)


WRONG_ANSWERS = {
    "conv_multiplies": [
        ("the input channels forgotten (f x f per output number)", _CONV.replace("BODY", "n_H * n_W * n_C * f * f")),
        ("f instead of f x f", _CONV.replace("BODY", "n_H * n_W * n_C * f * n_C_prev")),
        ("the parameters counted instead of the multiplies", _CONV.replace("BODY", "f * f * n_C_prev * n_C")),
    ],
    "depthwise_separable_multiplies": [
        ("depthwise filters over every input channel for every output channel (a standard conv)",
         _dw(depthwise="n_H * n_W * n_C * f * f * n_C_prev")),
        ("depthwise counted over the OUTPUT channels", _dw(depthwise="n_H * n_W * n_C * f * f")),
        ("pointwise with f x f filters", _dw(pointwise="n_H * n_W * n_C * n_C_prev * f * f")),
        ("returns the total instead of the two steps", _dw(ret="depthwise + pointwise")),
    ],
    "transfer_model": [
        ("the base not frozen (everything trains)", _transfer(freeze="pass")),
        ("everything frozen, the new head too", _transfer(freeze="dl.freeze(model, upto=len(model.layers))")),
        ("the pretrained weights never loaded (a random base)", _transfer(load="pass")),
        ("only the first layer frozen", _transfer(freeze="dl.freeze(model, upto=1)")),
    ],
}
