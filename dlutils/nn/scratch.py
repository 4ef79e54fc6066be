"""Recycled big arrays for the vectorized convolution (what frameworks call a caching allocator).

A fresh 100 MB numpy array costs more than filling it: the operating system hands out new pages
and zeroes every one on first touch. The convolution of benchmarks/bench_conv.py made ~200 MB
of fresh temporaries per step and spent about a quarter of its time on those page faults.
``scratch(tag, shape, dtype)`` returns an array of that shape, reusing one it handed out
before under the same ``tag`` when NOTHING ELSE still refers to it (no variable, no cache, no
view of it anywhere): reuse is then invisible, and an array that is still in use is never
touched. It keeps at most ``PER_TAG`` arrays per tag and thread; arrays under ``MIN_BYTES``
come straight from numpy (small allocations are cheap). Contents are uninitialized unless
``zero=True``.
"""
import sys
import threading

import numpy as np

MIN_BYTES = 1 << 20
PER_TAG = 2
_local = threading.local()


def _refs(bufs, k):
    return sys.getrefcount(bufs[k])


# the count of an array that only the pool's list holds, measured the way scratch() measures
# (so it does not depend on how a Python version counts borrowed references)
_FREE = _refs([np.empty(1)], 0)


def scratch(tag, shape, dtype, zero=False):
    """An array of ``shape`` and ``dtype``, recycled from earlier calls with this ``tag`` if one
    is no longer referenced anywhere else; zero-filled when ``zero``."""
    shape, dtype = tuple(int(n) for n in shape), np.dtype(dtype)
    if dtype.itemsize * int(np.prod(shape)) < MIN_BYTES:
        return np.zeros(shape, dtype) if zero else np.empty(shape, dtype)
    pools = getattr(_local, "pools", None)
    if pools is None:
        pools = _local.pools = {}
    bufs = pools.setdefault(tag, [])
    free_other = None
    for k in range(len(bufs)):
        if _refs(bufs, k) != _FREE:
            continue                              # still used by a cache, a result or a view
        buf = bufs[k]
        if buf.shape == shape and buf.dtype == dtype:
            if zero:
                buf.fill(0)
            return buf
        free_other = k
    new = np.zeros(shape, dtype) if zero else np.empty(shape, dtype)
    if free_other is not None:
        bufs[free_other] = new                    # a free one of another shape: replace it
    elif len(bufs) < PER_TAG:
        bufs.append(new)
    return new                                    # all in use and the pool full: not pooled


def clear():
    """Forget this thread's recycled arrays (their memory goes back once nothing else holds them)."""
    _local.pools = {}
