"""Shared fixtures: running a notebook in a kernel of the current environment."""
import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
# The kernel nbval starts for --nbval-current-env: this interpreter, whatever is on PATH.
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, NbvalKernelspecManager

CELL_TIMEOUT = 60  # seconds


def execute_notebook(nb, cwd):
    """Run every cell of ``nb`` in place, in a fresh kernel started in ``cwd``.

    Errors do not stop the run: each erroring cell gets an ``error`` output.
    """
    kernel = AsyncKernelManager(kernel_name=CURRENT_ENV_KERNEL_NAME,
                                kernel_spec_manager=NbvalKernelspecManager())
    client = NotebookClient(nb, km=kernel, timeout=CELL_TIMEOUT, allow_errors=True,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute(cleanup_kc=True)  # cleanup_kc: shut the kernel down afterwards
    return nb


@pytest.fixture(scope="session")
def run_notebook():
    """``run_notebook(nb, cwd)`` executes a copy of ``nb`` and returns the executed copy."""
    return lambda nb, cwd: execute_notebook(nbformat.from_dict(nb), cwd)
