"""Learning-rate decay: the lecture's ``lr0 / (1 + decay_rate * epoch)``, its stepwise form, step decay.

Each schedule is a plain function ``(learning_rate0, epoch, ...) -> learning_rate``; pass one to
``dl.train(..., decay=lambda lr0, epoch: dl.inverse_time_decay(lr0, epoch, 1.0))``.
Taught in: c2/04_optimization.
"""
from ..validation import check_positive

__all__ = ["inverse_time_decay", "step_decay"]


def _check_count(func, name, value, allow_zero=False):
    try:
        ok = int(value) == value and (int(value) >= 0 if allow_zero else int(value) > 0)
    except (TypeError, ValueError):
        ok = False
    if not ok:
        need = "an int >= 0" if allow_zero else "a positive int"
        raise ValueError(f"{func}: {name} must be {need}, got {value!r}.")
    return int(value)


def inverse_time_decay(learning_rate0, epoch, decay_rate, time_interval=1):
    """``lr0 / (1 + decay_rate * floor(epoch / time_interval))``.

    ``time_interval=1`` is the lecture's ``lr0 / (1 + decay_rate * epoch)``; a larger interval
    gives the stepwise schedule (the rate drops only every ``time_interval`` epochs).
    """
    check_positive("inverse_time_decay", "learning_rate0", learning_rate0)
    check_positive("inverse_time_decay", "decay_rate", decay_rate, allow_zero=True)
    _check_count("inverse_time_decay", "epoch", epoch, allow_zero=True)
    _check_count("inverse_time_decay", "time_interval", time_interval)
    return learning_rate0 / (1.0 + decay_rate * (epoch // time_interval))


def step_decay(learning_rate0, epoch, drop=0.5, epochs_per_drop=10):
    """Piecewise constant: multiply by ``drop`` every ``epochs_per_drop`` epochs."""
    check_positive("step_decay", "learning_rate0", learning_rate0)
    _check_count("step_decay", "epoch", epoch, allow_zero=True)
    _check_count("step_decay", "epochs_per_drop", epochs_per_drop)
    if not 0 < check_positive("step_decay", "drop", drop) <= 1:
        raise ValueError(f"step_decay: drop must lie in (0, 1], got {drop!r}; it multiplies the "
                         f"learning rate every epochs_per_drop epochs.")
    return learning_rate0 * drop ** (epoch // epochs_per_drop)
