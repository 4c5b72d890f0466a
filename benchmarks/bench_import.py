"""``import gradlib`` against ``import numpy``: within 1.3x, and no plotting module loaded.

Each import runs in a fresh interpreter that times only the import statement; the
fastest of several runs is the least disturbed by other jobs on the machine.
"""
import json
import subprocess
import sys

BUDGET_RATIO = 1.3
PLOTTING = ("matplotlib", "IPython", "ipywidgets")

TIMED = ("import json, sys, time; start = time.perf_counter(); import {module}; "
         "print(json.dumps([time.perf_counter() - start, sorted(sys.modules)]))")


def import_time(module):
    """Seconds to import ``module`` in a fresh interpreter, and the modules it left loaded."""
    out = subprocess.run([sys.executable, "-c", TIMED.format(module=module)], capture_output=True,
                         text=True, check=True).stdout
    seconds, loaded = json.loads(out)
    return seconds, loaded


def main(quick):
    repeats = 3 if quick else 15
    numpy = min(import_time("numpy")[0] for _ in range(repeats))
    runs = [import_time("gradlib") for _ in range(repeats)]
    gradlib = min(seconds for seconds, _ in runs)
    plotting = sorted({m for m in runs[0][1] if m.split(".")[0] in PLOTTING})
    return [f"import numpy {numpy * 1e3:.1f} ms, import gradlib {gradlib * 1e3:.1f} ms "
            f"(fastest of {repeats})",
            f"gradlib / numpy import ratio: {gradlib / numpy:.2f} (must stay below {BUDGET_RATIO})",
            f"plotting modules loaded by import gradlib: {plotting or 'none'}"]
