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
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

import other_cpu

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIRS = ("book/", "solutions/")
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def pytest_in_root(*args, env=None):
    """Run pytest with the project's configuration from the repository root."""
    command = [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
               "-p", "no:cacheprovider", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240,
                          env={**os.environ, **(env or {})})


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
                            "--nbval-sanitize-with", SANITIZE)
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
        assert re.search(r"::Exercise \d+ - .+?: not implemented yet", line), line
    assert "gradlib/check.py" not in result.stdout, "the verdict alone, not the checker's traceback"


# A relative error of two ways to compute tanh: pure round-off, whose digits depend on
# numpy's tanh/exp loops and on the BLAS kernel of the matrix product.
ROUND_OFF_CELL = """import numpy as np
x = np.random.default_rng(0).standard_normal((200, 50))
z = x @ np.random.default_rng(1).standard_normal((50, 30))
t, u = np.tanh(z), (np.exp(2 * z) - 1) / (np.exp(2 * z) + 1)
print(f"relative error {np.linalg.norm(t - u) / (np.linalg.norm(t) + np.linalg.norm(u)):.1e}")"""


def printed(env):
    """What ROUND_OFF_CELL prints in a fresh Python with ``env`` added."""
    return subprocess.run([sys.executable, "-c", ROUND_OFF_CELL], capture_output=True, text=True,
                          check=True, env={**os.environ, **env}).stdout


def stream_cell(source, text):
    cell = new_code_cell(source, execution_count=1)
    cell.outputs = [new_output("stream", name="stdout", text=text)]
    return cell


def test_round_off_is_compared_as_round_off_under_both_cpu_dispatches(tmp_path):
    other = other_cpu.other_dispatch()
    here, there = printed({}), printed(other)
    if here == there:
        pytest.skip(f"{other} changes no printed digit on this CPU")
    wrong = here.replace("e-", "e+")  # the same digits, but far above round-off
    for name, text in (("here", here), ("there", there), ("wrong", wrong)):
        nbformat.write(new_notebook(cells=[stream_cell(ROUND_OFF_CELL, text)]), tmp_path / f"{name}.ipynb")
    (tmp_path / "no_rules.cfg").write_text("")

    for env in ({}, other):  # stored on one CPU, replayed on both: passes; a real change fails
        result = pytest_in_root(*(tmp_path / f"{n}.ipynb" for n in ("here", "there", "wrong")),
                                "-rA", "--rootdir", tmp_path, "--nbval-sanitize-with", SANITIZE, env=env)
        assert outcomes(result.stdout) == {"here.ipynb::Cell 0": "PASSED",
                                           "there.ipynb::Cell 0": "PASSED",
                                           "wrong.ipynb::Cell 0": "FAILED"}, result.stdout
    # Without the sanitize rules, the digits stored on one CPU fail on the other.
    result = pytest_in_root(tmp_path / "here.ipynb", "--rootdir", tmp_path,
                            "--nbval-sanitize-with", tmp_path / "no_rules.cfg", env=other)
    assert result.returncode == 1 and "Cell outputs differ" in result.stdout, result.stdout
