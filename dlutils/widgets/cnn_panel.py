"""c4/02's panel: retrain a small CNN on a subset of images and watch it learn.

Layout: images ``(m, n_H, n_W, n_C)`` with pixels in [0, 1]; labels ``(1, m)`` integers.
``train_small_cnn`` is the work (ordinary library code, tested in tests/widgets/test_cnn_panel.py):
``Conv(n_filters, f x f, same) -> ReLU -> MaxPool 2 -> Conv(2 n_filters, f x f) -> ReLU ->
MaxPool 2 -> Flatten -> Dense(C)`` trained with Adam on mini-batches of 32, recording train and
test accuracy every epoch. ``cnn_panel`` puts sliders (filters, filter size, learning rate,
epochs) around it, reports progress epoch by epoch in its badge, and draws the learning
curves and the first layer's filters. Taught in: c4/02_cnn_application.
"""
import numpy as np

from ..nn.conv_layers import Conv2D
from ..nn.dense import Dense
from ..nn.flatten import Flatten
from ..nn.pooling_layers import MaxPool2D
from ..train.sequential import Sequential
from ..validation import check_rng
from .base import Panel, int_slider, log_slider

__all__ = ["small_cnn", "train_small_cnn", "cnn_panel"]


def small_cnn(input_shape, n_classes, n_filters=8, f=3, rng=None):
    """The panel's two-stage CNN as a ``dl.Sequential`` with a softmax over ``n_classes``."""
    check_rng("small_cnn", rng)
    layers = [Conv2D(int(n_filters), int(f), activation="relu"), MaxPool2D(2),
              Conv2D(2 * int(n_filters), int(f), activation="relu"), MaxPool2D(2),
              Flatten(), Dense(int(n_classes), activation="softmax")]
    return Sequential(layers, input_shape=tuple(input_shape), rng=rng)


def train_small_cnn(X, Y, X_test, Y_test, n_filters=8, f=3, learning_rate=0.003, num_epochs=4, seed=0,
                    progress=None):
    """Train ``small_cnn`` on ``(X, Y)`` and return a result dict.

    ``Y`` / ``Y_test``: integer labels ``(1, m)``. ``progress(epoch, num_epochs, history)`` is
    called after every epoch (the panel shows it). Returns ``{"model", "history", "train_acc",
    "test_acc", "cost", "summary"}`` or ``{"error": message}`` when training diverged.
    """
    X, X_test = np.asarray(X, dtype=np.float64), np.asarray(X_test, dtype=np.float64)
    if X.ndim != 4 or X_test.ndim != 4:
        raise ValueError(f"train_small_cnn: X and X_test must be image batches (m, n_H, n_W, n_C), got "
                         f"{X.shape} and {X_test.shape}; for dense (n_x, m) data use a dense net.")
    n_classes = int(max(np.max(Y), np.max(Y_test))) + 1
    rng = np.random.default_rng(seed)
    model = small_cnn(X.shape[1:], n_classes, n_filters, f, rng)

    def callback(history, model):
        if progress is not None:
            progress(len(history.steps), num_epochs, history)

    h = model.fit(X, Y, learning_rate=learning_rate, mini_batch_size=32, num_epochs=int(num_epochs),
                  X_dev=X_test, Y_dev=Y_test, callbacks=[callback], verbose=False, rng=rng)
    if h.diverged:
        return {"error": h.message}
    train_acc, test_acc = h.train_acc[-1], h.dev_acc[-1]
    return {"model": model, "history": h, "train_acc": train_acc, "test_acc": test_acc, "cost": h.costs[-1],
            # plain text (a notebook prints it); the panel shows line 1 bold, line 2 small
            "summary": (f"train {train_acc:.1f} %, test {test_acc:.1f} %\n"
                        f"{n_filters} filters {f}x{f}, lr {learning_rate:.4g}, {num_epochs} epochs on "
                        f"{X.shape[0]} images")}


def _draw(result):
    import matplotlib.pyplot as plt
    h, model = result["history"], result["model"]
    W = model.params[model.layers[0].W]                     # (f, f, 3, n_filters)
    fig = plt.figure(figsize=(10, 3.2))
    ax = fig.add_subplot(1, 2, 1)
    epochs = np.arange(1, len(h.train_acc) + 1)
    ax.plot(epochs, h.train_acc, "o-", label="train")
    ax.plot(epochs, h.dev_acc, "s-", label="test")
    ax.set_xlabel("epoch"); ax.set_ylabel("accuracy %"); ax.set_ylim(0, 101); ax.legend()
    ax.set_title("learning curves")
    n = W.shape[-1]
    lo, hi = W.min(), W.max()
    for k in range(min(n, 16)):
        a = fig.add_subplot(4, 16, 16 * (k // 8) + 9 + k % 8)
        img = (W[..., k] - lo) / (hi - lo + 1e-12)
        a.imshow(img if W.shape[2] == 3 else img.mean(axis=2), interpolation="nearest",
                 cmap=None if W.shape[2] == 3 else "gray")
        a.set_xticks([]); a.set_yticks([])
    fig.text(0.72, 0.93, "first-layer filters", ha="center")
    fig.tight_layout()


def cnn_panel(X, Y, X_test, Y_test, seed=0, n_filters=4, f=3, learning_rate=0.003, num_epochs=3):
    """Sliders for filters, filter size, learning rate and epochs; retrains on every release.

    Progress ("epoch 3/8") shows in the badge beside the status line while it trains; the last
    result stays in ``panel.result`` (``train_acc``, ``test_acc``, ``cost``, ``history``)."""
    controls = {
        "n_filters": int_slider("filters", n_filters, 2, 16, 2),
        "f": int_slider("filter size", f, 1, 7, 2),
        "learning_rate": log_slider("learning_rate", learning_rate, 1e-4, 3e-2, readout_format=".4f"),
        "num_epochs": int_slider("epochs", num_epochs, 1, 15),
    }
    holder = {}

    def compute(n_filters, f, learning_rate, num_epochs):
        def progress(epoch, total, history):   # in the fixed-width badge: the status does not move
            if "panel" in holder:
                holder["panel"].set_badge(f"epoch {epoch}/{total}")
        return train_small_cnn(X, Y, X_test, Y_test, n_filters, f, learning_rate, num_epochs, seed, progress)

    panel = Panel(controls, compute, _draw, title=f"A small CNN on {len(X)} training images")
    holder["panel"] = panel
    return panel
