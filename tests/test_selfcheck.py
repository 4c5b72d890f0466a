"""The learner's self-check (`make check`, or pytest on an exercise notebook).

It runs a notebook as the learner saved it from JupyterLab: saved outputs from
earlier attempts never count, exactly the unfinished or wrong exercises fail, and
each failure is one line naming the exercise as the notebook shows it. The
notebooks are built from the solutions (tests/learner_notebooks.py) and checked
with the repository's conftest.py, which loads gradlib's plugin gradlib.check.selfcheck,
as `make check` does.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import make_exercises as gen
from gradlib.check import selfcheck
from learner_notebooks import self_check_cells, solution_blocks, worked

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted(gen.SOLUTIONS.glob("*.ipynb"))
SUMMARY = re.compile(r"^FAILED (\S+?)::(.+?) - (.*)$", re.M)



def self_check(nb, tmp_path, folder="exercises"):
    """Save ``nb`` in ``folder`` of a scratch copy of the project's test setup and self-check it.

    Returns (return code, {test name: one-line verdict} of the failures, output).
    """
    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "tests").mkdir(exist_ok=True)
    shutil.copy(ROOT / "tests" / "nbval_sanitize.cfg", tmp_path / "tests")
    path = tmp_path / folder / "chapter.ipynb"
    path.parent.mkdir(exist_ok=True)
    nbformat.write(nb, path)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-c", ROOT / "pyproject.toml",
         "--rootdir", tmp_path, path.relative_to(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=240, env={**os.environ, "COLUMNS": "400"})
    failures = {name: verdict for _, name, verdict in SUMMARY.findall(result.stdout)}
    return result.returncode, failures, result.stdout + result.stderr


def with_stale_outputs(nb):
    """``nb`` as JupyterLab autosaved it after a wrong first attempt and other digits."""
    nb = nbformat.from_dict(nb)
    checks = self_check_cells(nb)
    checks[0].outputs = [new_output("error", ename="ExerciseError", evalue="x: sign flipped",
                                    traceback=["ExerciseError: x: sign flipped"])]
    for cell in checks[1:]:
        cell.outputs = [new_output("stream", name="stdout",
                                   text="Correct: x (relative error 9.9e-17)\n")]
    for count, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        cell.execution_count = count + 1
    return nb


def exercise_of_block(solution, number):
    """How the self-check names the exercise of solution block ``number``: 'Exercise <n>'."""
    cell_index = solution_blocks(solution)[number][0]
    text = "\n".join(c.source for c in solution.cells[:cell_index] if c.cell_type == "markdown")
    return re.findall(r"^#+ (Exercise \d+)", text, re.M)[-1]


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_worked_notebook_with_stale_outputs_passes(path, tmp_path):
    nb = with_stale_outputs(worked(nbformat.read(path, as_version=4)))
    code, failures, output = self_check(nb, tmp_path)
    assert code == 0 and not failures, output
    # The same notebook outside an exercises/ folder is compared strictly, and fails.
    code, failures, output = self_check(nb, tmp_path, folder="book")
    assert code == 1 and failures, output


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_one_unfinished_exercise_fails_alone_with_its_hint(path, tmp_path):
    solution = nbformat.read(path, as_version=4)
    code, failures, output = self_check(with_stale_outputs(worked(solution, unfinished={1})), tmp_path)
    assert code == 1, output
    name = exercise_of_block(solution, 1)
    assert list(failures) == [name], output
    assert re.fullmatch(r".+: not implemented yet\. Hint: .+", failures[name]), failures[name]


def test_a_wrong_answer_and_a_crash_are_one_line_each(tmp_path):
    solution = nbformat.read(SOLUTIONS[0], as_version=4)
    nb = worked(solution)
    grad_w, numerical_grad = [c for c in nb.cells if c.source.startswith(("def grad_w", "def numerical_grad"))]
    grad_w.source += "\n\n\n_right = grad_w\ngrad_w = lambda *args: -_right(*args)"
    numerical_grad.source += "\n\n\ndef numerical_grad(f, x, h=1e-6):\n    return {}['g']"
    code, failures, output = self_check(nb, tmp_path)
    assert code == 1, output
    # The test is named "Exercise 1"; its line names the function, not the exercise again.
    assert failures["Exercise 1"] == "grad_w: sign flipped: the answer is -1 times the right one", output
    assert failures["Exercise 2"].startswith(
        "numerical_grad: your code raised KeyError: 'g' (at line "), output
    assert failures["Exercise 2"].endswith("`return {}['g']`)"), output
    assert list(failures) == ["Exercise 1", "Exercise 2"], output
    assert "Traceback" not in output and "gradlib/" not in output, output


def test_shipped_exercise_fails_at_every_exercise_and_nowhere_else(tmp_path):
    exercise = nbformat.read(gen.EXERCISES / SOLUTIONS[0].name, as_version=4)
    code, failures, output = self_check(exercise, tmp_path)
    assert code == 1, output
    assert list(failures) == [f"Exercise {n}" for n in range(1, 6)], output
    assert all("not implemented yet" in verdict for verdict in failures.values()), failures


def test_the_exercise_is_named_once_per_line():
    assert selfcheck.without_test_name("Exercise 2 (rel_error): got 1, expected 0", "Exercise 2") == \
        "rel_error: got 1, expected 0"
    # another exercise's verdict, or a plain exception, is left whole
    assert selfcheck.without_test_name("Exercise 3 (f): x", "Exercise 2") == "Exercise 3 (f): x"
    assert selfcheck.without_test_name("KeyError: 'g'", "Exercise 2") == "KeyError: 'g'"


def test_tests_are_named_by_section_and_self_check():
    cells = [new_code_cell("import numpy"), new_markdown_cell("# Title\n\n## Warm-up: plots"),
             new_code_cell("plot()"), new_markdown_cell("## Exercise 3: a bias"),
             new_code_cell("x = 1"), new_code_cell("def f(): ..."), new_code_cell("check_answer(f)"),
             new_code_cell("check_answer(g)")]
    assert selfcheck.section_names(new_notebook(cells=cells).cells) == [
        "Setup, cell 1", "Warm-up: plots, cell 1", "Exercise 3, cell 1", "Exercise 3, cell 2",
        "Exercise 3", "Exercise 3, cell 4"]


def test_self_check_cells_carry_the_run_all_tag():
    for path in SOLUTIONS:
        exercise = nbformat.read(gen.EXERCISES / path.name, as_version=4)
        untagged = [c.id for c in self_check_cells(exercise)
                    if gen.RUN_ALL_GOES_ON_TAG not in c.metadata.get("tags", [])]
        assert not untagged, f"{path.name}: self-checks without {gen.RUN_ALL_GOES_ON_TAG!r}: {untagged}"
