"""Save a model's weights to ``.h5`` and load them back, whole or in part (transfer learning).

    dl.save_weights(model, "pretrained.h5")                  # every array of model.params (+ BN averages)
    dl.load_weights(model, "pretrained.h5")                  # all keys must exist with the same shapes
    dl.load_weights(new_model, "pretrained.h5", keys=[...])  # a subset, e.g. the conv base
    dl.load_weights(new_model, "pretrained.h5", skip_missing=True)   # whatever the file has
    dl.freeze(new_model, upto=6)                             # layers 0..5 trainable=False

File layout (h5py, gzip): dataset ``params/<key>`` per parameter, ``bn_state/<key>/running_mean``
and ``running_var`` per batch-norm layer, and attributes ``layers`` (the model's layer
descriptions) and ``format = "dlutils-weights-1"``. Plain arrays only: no pickle, nothing
executable, readable from any language. Keys are the ``model.params`` keys (``conv1_W``,
``W3``, ``res2_bn1_gamma``, ...), so two models built from the same layer list share them.
Loading checks everything before it changes anything: a missing key or a wrong shape is a
``ValueError`` naming the file, the key, both shapes and the fix; the model is left untouched.
Taught in: c4/04 (transfer learning).
"""
import os

import numpy as np

__all__ = ["save_weights", "load_weights", "freeze", "unfreeze"]

FORMAT = "dlutils-weights-1"


def _model(func, model):
    if not hasattr(model, "params") or not isinstance(model.params, dict):
        raise ValueError(f"{func}: expected a model with a params dict (e.g. dl.Sequential), got "
                         f"{type(model).__name__}.")


def save_weights(model, path):
    """Write ``model.params`` (and ``model.bn_state``'s running averages) to ``path`` (.h5)."""
    import h5py
    func = "save_weights"
    _model(func, model)
    path = os.fspath(path)
    if not path.endswith((".h5", ".hdf5")):
        raise ValueError(f"{func}: path must end in .h5 (an HDF5 file), got {path!r}.")
    with h5py.File(path, "w") as f:
        f.attrs["format"] = FORMAT
        f.attrs["layers"] = "; ".join(l.describe() for l in getattr(model, "layers", []))
        g = f.create_group("params")
        for k, v in model.params.items():
            g.create_dataset(k, data=np.asarray(v, dtype=np.float64), compression="gzip")
        s = f.create_group("bn_state")
        for k, state in getattr(model, "bn_state", {}).items():
            sg = s.create_group(str(k))
            for name in ("running_mean", "running_var"):
                sg.create_dataset(name, data=np.asarray(state[name], dtype=np.float64))
    return path


def load_weights(model, path, keys=None, skip_missing=False, bn_state=True):
    """Copy arrays from ``path`` into ``model.params`` (in place); returns the list of keys loaded.

    ``keys``: only these (default: every key of the model). ``skip_missing=True``: keys the file
    does not have are left as they are (load a pretrained base into a model with a new head).
    ``bn_state``: also restore the running averages of the batch-norm layers that were loaded.
    """
    import h5py
    func = "load_weights"
    _model(func, model)
    path = os.fspath(path)
    if not os.path.exists(path):
        raise ValueError(f"{func}: no file {path!r}; save one first with dl.save_weights(model, path).")
    wanted = list(model.params) if keys is None else list(keys)
    unknown = [k for k in wanted if k not in model.params]
    if unknown:
        raise ValueError(f"{func}: the model has no parameter {unknown[0]!r} (it has {sorted(model.params)[:8]}"
                         f"{' ...' if len(model.params) > 8 else ''}); keys name model.params entries.")
    try:
        f = h5py.File(path, "r")
    except OSError as exc:
        raise ValueError(f"{func}: {path!r} is not a readable HDF5 file ({exc}).") from None
    with f:
        if f.attrs.get("format") != FORMAT or "params" not in f:
            raise ValueError(f"{func}: {path!r} was not written by dl.save_weights (no {FORMAT!r} format "
                             f"attribute / params group).")
        stored = f["params"]
        arrays = {}
        for k in wanted:
            if k not in stored:
                if skip_missing:
                    continue
                raise ValueError(
                    f"{func}: {path!r} has no weights for {k!r} (it holds {len(stored)} arrays, e.g. "
                    f"{sorted(stored)[:6]}); the architectures differ - pass keys=[...] for the shared "
                    f"layers or skip_missing=True to keep the model's own values for the rest.")
            a = stored[k][()]
            if a.shape != model.params[k].shape:
                raise ValueError(
                    f"{func}: {path!r} stores {k!r} with shape {a.shape} but the model's {k!r} is "
                    f"{model.params[k].shape}; the layer sizes differ (filters, units or input channels) - "
                    f"build the model with the same layers, or leave {k!r} out of keys.")
            arrays[k] = a
        states = {}
        if bn_state and "bn_state" in f and hasattr(model, "bn_state"):
            for k, state in model.bn_state.items():
                name = str(k)
                if name in f["bn_state"] and _bn_loaded(model, k, arrays):
                    states[k] = {n: f["bn_state"][name][n][()] for n in ("running_mean", "running_var")}
    for k, a in arrays.items():          # everything checked: now change the model
        model.params[k] = a.astype(np.float64)
    for k, s in states.items():
        for n, a in s.items():
            if a.shape == model.bn_state[k][n].shape:
                model.bn_state[k][n] = a.copy()
    return list(arrays)


def _bn_loaded(model, index, arrays):
    """Whether the gamma of batch-norm state ``index`` is among the loaded arrays."""
    for layer in _all_layers(getattr(model, "layers", [])):
        if getattr(layer, "index", None) == index and hasattr(layer, "gamma"):
            return layer.gamma in arrays
    return False


def _all_layers(layers):
    for layer in layers:
        yield layer
        if hasattr(layer, "sublayers"):
            yield from _all_layers(layer.sublayers())


def freeze(model, upto=None, layers=None):
    """``trainable=False`` on ``model.layers[:upto]`` (or on the given layer objects); returns the model."""
    return _set(model, upto, layers, False, "freeze")


def unfreeze(model, upto=None, layers=None):
    """``trainable=True`` again (fine-tuning the top of a pretrained base); returns the model."""
    return _set(model, upto, layers, True, "unfreeze")


def _set(model, upto, layers, value, func):
    if not hasattr(model, "layers"):
        raise ValueError(f"{func}: expected a dl.Sequential model, got {type(model).__name__}.")
    if layers is None:
        n = len(model.layers) if upto is None else upto
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not -len(model.layers) <= n <= len(model.layers):
            raise ValueError(f"{func}: upto must be an int between 0 and {len(model.layers)} (the number of "
                             f"layers from the input), got {upto!r}.")
        layers = model.layers[:n]
    for layer in layers:
        if layer not in model.layers:
            raise ValueError(f"{func}: {layer!r} is not one of this model's layers.")
        layer.trainable = value
    return model
