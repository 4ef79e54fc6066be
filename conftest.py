"""Repository-wide pytest setup (the notebooks run through nbval, the unit tests under tests/).

One BLAS thread per process. Measured on the 2-core CI machine: the workbook's matrices are
small, and two OpenBLAS threads per process (times two xdist workers, plus notebook kernels)
oversubscribe the cores so badly that a (25, 12288) @ (12288, 64) product went from 3 ms to
over 500 ms. Notebook kernels started by nbval and by the browser test inherit this
environment. It is set here, before anything imports numpy, and only when the caller has not
chosen a value.
"""
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
