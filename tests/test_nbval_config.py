"""The pytest configuration in pyproject.toml: what `pytest` collects, and that nbval is strict.

Each test runs pytest in a subprocess from the repository root, with the project's
configuration, as `make test` and a learner do.
"""
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIRS = ("book/", "solutions/")


def pytest_in_root(*args):
    """Run pytest with the project's configuration from the repository root."""
    command = [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
               "-p", "no:cacheprovider", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240)


def test_pytest_collects_only_tests_book_and_solutions():
    result = pytest_in_root("--collect-only", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    collected = [line.split("::")[0] for line in result.stdout.splitlines() if "::" in line]
    assert any(path.startswith("tests/") for path in collected)
    strays = sorted({path for path in collected if not path.startswith(("tests/", *NOTEBOOK_DIRS))})
    assert not strays, f"pytest collects outside tests/, book/, solutions/: {strays}"
    notebooks = {path for path in collected if path.endswith(".ipynb")}
    assert notebooks == {str(p.relative_to(ROOT)) for p in notebooks_with_code()}


def notebooks_with_code():
    """The notebooks of book/ and solutions/ that nbval has cells to run in."""
    return [path for d in NOTEBOOK_DIRS for path in sorted((ROOT / d).glob("*.ipynb"))
            if any(cell.cell_type == "code" for cell in nbformat.read(path, as_version=4).cells)]


def executed_cell(source, text):
    """A code cell whose stored result is ``text``, as if it had been run."""
    cell = new_code_cell(source, execution_count=1)
    cell.outputs = [new_output("execute_result", {"text/plain": text}, execution_count=1)]
    return cell


def test_strict_nbval_fails_on_a_changed_output_and_sanitizes_addresses(tmp_path):
    stored_address = "<object at 0x7f0000000000>"  # a run prints another address
    nbformat.write(new_notebook(cells=[executed_cell("object()", stored_address),
                                       executed_cell("6 * 7", "42")]), tmp_path / "same.ipynb")
    nbformat.write(new_notebook(cells=[executed_cell("6 * 7", "41")]), tmp_path / "changed.ipynb")

    result = pytest_in_root(tmp_path / "same.ipynb", tmp_path / "changed.ipynb", "-rA",
                            "--rootdir", tmp_path,  # so that test ids name the files
                            "--nbval-sanitize-with", ROOT / "tests" / "nbval_sanitize.cfg")
    assert result.returncode == 1, result.stdout + result.stderr
    assert outcomes(result.stdout) == {"same.ipynb::Cell 0": "PASSED",
                                       "same.ipynb::Cell 1": "PASSED",
                                       "changed.ipynb::Cell 0": "FAILED"}
    assert "Cell outputs differ" in result.stdout


def outcomes(output):
    """{'<file>::Cell <n>': 'PASSED' or 'FAILED'} from the short test summary of ``-rA``."""
    found = {}
    for line in output.splitlines():
        outcome, _, rest = line.partition(" ")
        if outcome in ("PASSED", "FAILED") and "::" in rest:
            path, _, cell = rest.split(" - ")[0].partition("::")
            found[f"{Path(path).name}::{cell}"] = outcome
    return found


def test_a_learner_can_self_check_from_inside_the_exercises_folder():
    exercise = sorted((ROOT / "exercises").glob("*.ipynb"))[0]
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval",
                             exercise.name], cwd=exercise.parent, capture_output=True, text=True,
                            timeout=240, env={**os.environ, "COLUMNS": "300"})  # untruncated summary
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FileNotFoundError" not in result.stdout, result.stdout
    summary = [line for line in result.stdout.splitlines() if line.startswith("FAILED ")]
    assert summary, result.stdout
    for line in summary:  # the short summary names the exercise and its state
        assert re.search(r"::Cell \d+ - \S+: not implemented yet", line), line
    assert "gradlib/check.py" not in result.stdout, "the verdict alone, not the checker's traceback"
