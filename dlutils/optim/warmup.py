"""The Transformer's warm-up learning-rate schedule (Vaswani et al. 2017):

    lr(step) = d_model^-0.5 * min(step^-0.5, step * warmup_steps^-1.5)

It rises linearly for ``warmup_steps`` steps, peaks at ``(d_model * warmup_steps)^-0.5``, then
decays as ``1 / sqrt(step)``. ``step`` counts optimizer updates from 1.
Taught in: c5_sequence_models/08_transformer.
"""
import numpy as np

__all__ = ["warmup_learning_rate"]


def warmup_learning_rate(step, d_model, warmup_steps=4000, scale=1.0):
    """Learning rate of update ``step`` (>= 1; an array of steps works too), times ``scale``."""
    s = np.asarray(step, dtype=float)
    if np.any(s < 1) or d_model < 1 or warmup_steps < 1:
        raise ValueError(f"warmup_learning_rate: step, d_model and warmup_steps must be >= 1 "
                         f"(steps count updates from 1), got step={step!r}, d_model={d_model!r}, "
                         f"warmup_steps={warmup_steps!r}.")
    lr = scale * d_model ** -0.5 * np.minimum(s ** -0.5, s * warmup_steps ** -1.5)
    return float(lr) if lr.ndim == 0 else lr
