"""Run a command as if on another CPU: other SIMD loops in numpy, another BLAS kernel.

numpy picks its SIMD loops (``tanh``, ``exp``, ...) and OpenBLAS its matrix-multiply
kernel by the features of the CPU it runs on, so round-off, and every printed
digit that depends on it, differs from one machine to the next. Two environment
variables make this machine behave like another one:

* ``NPY_DISABLE_CPU_FEATURES``: every optional feature numpy dispatches to and this
  CPU has (on x86-64 with AVX2, ``X86_V3``); numpy falls back to its baseline loops;
* ``OPENBLAS_CORETYPE``: a kernel other than the one OpenBLAS chose (``Sandybridge``
  on a newer x86-64, ``Nehalem`` on a Sandy Bridge, ``ARMV8`` on Arm).

``make test`` replays the notebooks under this dispatch, so a stored output that is
really round-off and not compared as such fails on this machine, not on a reader's.

Usage::

    python tools/other_cpu.py                  # print the settings and whether the bits change
    python tools/other_cpu.py COMMAND [ARG...]  # the same, then run COMMAND under them
"""
import ctypes
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

# Kernels to fall back to, by machine, first choice first: each runs on any CPU of its kind.
OTHER_BLAS_CORES = {"x86_64": ["Sandybridge", "Nehalem"], "AMD64": ["Sandybridge", "Nehalem"],
                    "aarch64": ["ARMV8", "CortexA57"], "arm64": ["ARMV8", "CortexA57"]}

# Printed by a child process: one tanh and one matrix product, as exact hex floats.
FINGERPRINT = """
import json, numpy as np
x = np.random.default_rng(0).standard_normal(10_000)
A, B = x[:6400].reshape(100, 64), x[6400:9600].reshape(64, 50)
print(json.dumps({"tanh": np.tanh(x).sum().hex(), "matmul": (A @ B).sum().hex()}))
"""


def numpy_dispatched_features():
    """The optional SIMD features numpy would use on this CPU, beyond its baseline."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    return [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]


def openblas_core():
    """The kernel OpenBLAS chose on this CPU, or None if numpy's OpenBLAS is not found."""
    import numpy
    here = Path(numpy.__file__).parent
    for lib in [*here.parent.glob("numpy.libs/*openblas*"), *here.glob(".dylibs/*openblas*")]:
        library = ctypes.CDLL(str(lib))
        for symbol in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename",
                       "openblas_get_corename64_", "openblas_get_corename"):
            if hasattr(library, symbol):
                function = getattr(library, symbol)
                function.restype = ctypes.c_char_p
                return function().decode()
    return None


def other_dispatch():
    """The environment variables that make numpy and OpenBLAS dispatch as on another CPU."""
    env = {}
    features = numpy_dispatched_features()
    if features:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(features)
    current = (openblas_core() or "").lower()
    candidates = OTHER_BLAS_CORES.get(platform.machine(), [])
    other = [core for core in candidates if core.lower() != current]
    if other:
        env["OPENBLAS_CORETYPE"] = other[0]
    return env


def fingerprint(extra_env):
    """The exact bits of a tanh and a matmul in a fresh Python with ``extra_env`` set."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE")}
    result = subprocess.run([sys.executable, "-c", FINGERPRINT], env={**env, **extra_env},
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def describe(env):
    """One line: the settings, and which results they change on this machine."""
    native, other = fingerprint({}), fingerprint(env)
    changed = [name for name in native if native[name] != other[name]] or ["nothing"]
    settings = " ".join(f"{k}={v!r}" for k, v in env.items()) or "(no other dispatch on this CPU)"
    return f"other CPU dispatch: {settings}; bits changed: {', '.join(changed)}"


def main(argv):
    env = other_dispatch()
    print(describe(env), flush=True)
    if argv:
        os.execvpe(argv[0], argv, {**os.environ, **env})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
