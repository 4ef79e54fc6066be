"""Input checks that explain themselves.

Every public dlutils function validates what it is given and, when something is off,
raises ``ValueError`` naming the function, what it expected, what arrived and the
likely fix (scikit-learn style). The helpers here keep those messages uniform.

Layout reminder: dense nets use the course layout, ``X`` is ``(n_x, m)`` with one
example per column. Taught in: every notebook (errors are part of the lesson).
"""
import numpy as np

__all__ = [
    "DivergenceError",
    "check_array",
    "check_same_shape",
    "check_labels",
    "check_positive",
    "check_probability",
    "check_rng",
    "check_finite",
]


class DivergenceError(FloatingPointError):
    """Training produced a NaN or inf: the message says where and suggests a fix."""


def _shape(a):
    return tuple(np.shape(a))


def check_array(func, name, a, *, ndim=None, shape=None, dtype_kind="fc", finite=True,
                hint=None):
    """Return ``a`` as an ndarray after checking rank, shape (``None`` = any) and values.

    ``dtype_kind`` lists the allowed numpy kinds ('f' float, 'c' complex, 'i' int,
    'u' unsigned, 'b' bool). Booleans and integers are converted to float64 when 'f'
    is allowed and they are not, so ``Y`` given as ints is fine.
    """
    if a is None:
        raise ValueError(f"{func}: {name} is None; expected a numpy array"
                         + (f" of shape {shape}" if shape else "") + ".")
    if not isinstance(a, np.ndarray):
        try:
            a = np.asarray(a)
        except Exception as exc:  # pragma: no cover - exotic inputs
            raise ValueError(f"{func}: {name} could not be turned into an array ({exc}).")
    if a.dtype.kind not in dtype_kind:
        if a.dtype.kind in "biu" and "f" in dtype_kind:
            a = a.astype(np.float64)
        else:
            raise ValueError(
                f"{func}: {name} has dtype {a.dtype}, expected a numeric array "
                f"(kinds {dtype_kind!r}); convert it with np.asarray({name}, dtype=float).")
    if ndim is not None and a.ndim != ndim:
        extra = ""
        if ndim == 2 and a.ndim == 1:
            extra = f" - reshape it with {name}.reshape(1, -1) for a row or (-1, 1) for a column"
        raise ValueError(f"{func}: {name} must be {ndim}-D but has shape {a.shape}{extra}."
                         + (f" {hint}" if hint else ""))
    if shape is not None:
        if len(shape) != a.ndim or any(s is not None and s != d for s, d in zip(shape, a.shape)):
            want = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
            raise ValueError(f"{func}: {name} has shape {a.shape}, expected {want}."
                             + (f" {hint}" if hint else ""))
    if finite and a.dtype.kind in "fc" and a.size and not np.all(np.isfinite(a)):
        bad = int(np.size(a) - np.count_nonzero(np.isfinite(a)))
        raise ValueError(f"{func}: {name} contains {bad} NaN or inf value(s); "
                         f"check the data (or a diverged training run) before calling {func}.")
    return a


def check_same_shape(func, name_a, a, name_b, b, hint=None):
    if _shape(a) != _shape(b):
        raise ValueError(f"{func}: {name_a} has shape {_shape(a)} but {name_b} has shape "
                         f"{_shape(b)}; they must match." + (f" {hint}" if hint else ""))


def check_labels(func, name, Y, allowed=(0, 1)):
    """Check that a label array only holds the allowed values (default 0/1)."""
    vals = np.unique(Y)
    bad = [v for v in vals if v not in allowed]
    if bad:
        raise ValueError(f"{func}: {name} must hold only {tuple(allowed)} but holds "
                         f"{bad[:5]}; binary labels are 0/1 (use dl.one_hot for classes).")


def check_positive(func, name, value, allow_zero=False):
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{func}: {name} must be a number, got {value!r}.")
    ok = v >= 0 if allow_zero else v > 0
    if not np.isfinite(v) or not ok:
        need = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{func}: {name} must be finite and {need}, got {value!r}.")
    return v


def check_probability(func, name, value, *, allow_zero=False):
    """A probability in (0, 1] (``keep_prob``), or [0, 1] with ``allow_zero``."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{func}: {name} must be a number in (0, 1], got {value!r}.")
    low_ok = v >= 0 if allow_zero else v > 0
    if not (low_ok and v <= 1):
        rng_txt = "[0, 1]" if allow_zero else "(0, 1]"
        raise ValueError(f"{func}: {name} must lie in {rng_txt}, got {value!r}"
                         + ("; keep_prob is the probability of KEEPING a unit (1.0 = no dropout)."
                            if name == "keep_prob" else "."))
    return v


def check_rng(func, rng):
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"{func}: rng must be a numpy Generator, got {type(rng).__name__}; "
                         f"make one with rng = np.random.default_rng(seed) and pass it on.")
    return rng


def check_finite(func, name, value, hint="learning rate too large?"):
    if not np.all(np.isfinite(value)):
        raise DivergenceError(f"{func}: {name} became NaN or inf - {hint}")
