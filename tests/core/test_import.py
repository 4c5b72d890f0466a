"""``import gradlib`` loads the core only: no subpackage, no plotting, no IPython."""
import json
import subprocess
import sys

import gradlib

NOT_IN_THE_CORE = ("matplotlib", "IPython", "ipywidgets", "gradlib.check", "gradlib.teach", "gradlib.viz")


def test_import_gradlib_loads_no_subpackage_and_no_plotting_module():
    code = "import json, sys, gradlib; print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                       check=True).stdout)
    unwanted = [m for m in loaded if any(m == n or m.startswith(n + ".") for n in NOT_IN_THE_CORE)]
    assert unwanted == []


def test_the_core_keeps_the_public_names_of_the_contract():
    for name in ("Linear", "Sequential", "Loss", "per_example_grads", "sum_grad_squared", "jacobian"):
        assert name in gradlib.__all__ and hasattr(gradlib, name)
    for method in ("forward", "backward", "forward_tangent", "backward_tangent", "named_parameters"):
        assert callable(getattr(gradlib.Layer, method))
    assert not issubclass(gradlib.Loss, gradlib.Layer)
