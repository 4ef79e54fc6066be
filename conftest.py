"""Repository-wide pytest setup (the notebooks run through nbval, the unit tests under tests/).

With two xdist workers on a 2-core machine, every process (and every notebook kernel, which
inherits this environment) gets one BLAS thread, so kernels do not fight over cores.
"""
import os

if os.environ.get("PYTEST_XDIST_WORKER"):
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
