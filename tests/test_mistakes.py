"""The mistake suite: realistic wrong answers through every exercise's self-check.

Each wrong answer (tests/mistakes/chNN.py, see the README there) replaces the
solution block of its exercise; the solution notebook then runs, in this process,
up to that exercise's self-check, whose verdict must name the mistake. The right
answers run through the same path and must pass, so the harness itself can fail.

    python tests/test_mistakes.py      # the counts per exercise: named, vague, wrong, ...
"""
import contextlib
import importlib.util
import io
import linecache
import os
import re
import sys
import textwrap
import warnings
from collections import Counter
from pathlib import Path

import matplotlib
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import make_exercises as gen  # noqa: E402
from gradlib.check.exercise import ExerciseError, is_self_check  # noqa: E402

MISTAKE_FILES = sorted((ROOT / "tests" / "mistakes").glob("ch*.py"))
MIN_PER_EXERCISE = 10
SKIPPED_TAG = "nbval-ignore-output"  # the warm-up widgets: not needed by any exercise
HEADING = re.compile(r"^## Exercise (\d+)\b", re.MULTILINE)
VAGUE = ("the values differ", "is missing or wrong", "entries are wrong")


def load_mistakes(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MISTAKES


def solution_path(mistake_file):
    number = mistake_file.stem[2:]
    [path] = gen.SOLUTIONS.glob(f"{number}_*.ipynb")
    return path


def exercises(solution):
    """Exercise number -> index of its code cell with the solution block."""
    found, current = {}, None
    for i, cell in enumerate(solution.cells):
        if cell.cell_type == "markdown" and (m := HEADING.search(cell.source)):
            current = int(m.group(1))
        elif cell.cell_type == "code" and gen.cell_blocks(cell, f"cell {i}"):
            assert current is not None and current not in found, \
                f"cell {i}: each '## Exercise N' section holds one code exercise"
            found[current] = i
    return found


def with_code(cell, code):
    """The cell's source with its solution block replaced by ``code`` (None: the solution)."""
    [block] = gen.cell_blocks(cell, "exercise cell")
    lines = cell.source.split("\n")
    if code is None:
        body = lines[block.begin + 1: block.end]
        body = [l for l in body if not l.strip().startswith(gen.HINT_PREFIX)]
    else:
        body = textwrap.indent(textwrap.dedent(code).strip("\n"), block.indent).split("\n")
    return "\n".join(lines[:block.begin] + body + lines[block.end + 1:])


def run_cell(source, namespace, name):
    """Execute a cell as Jupyter would, its lines registered so tracebacks can show them."""
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    exec(compile(source, name, "exec"), namespace)


def verdict(solution, exercise_cell, code):
    """('correct' or 'error' or 'traceback', the self-check's line) for one answer."""
    matplotlib.use("Agg")
    namespace = {"__name__": "__main__"}
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(gen.SOLUTIONS)
    try:
        # a warning from the learner's code is shown, not raised, in the kernel: here it is only recorded
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()), \
                warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            for i, cell in enumerate(solution.cells[:exercise_cell + 2]):
                if cell.cell_type != "code" or SKIPPED_TAG in cell.metadata.get("tags", []):
                    continue
                source = with_code(cell, code) if i == exercise_cell else (
                    with_code(cell, None) if gen.cell_blocks(cell, "") else cell.source)
                run_cell(source, namespace, f"<cell {i}>")
    except ExerciseError as e:
        return "error", str(e)
    except Exception as e:  # what a learner would see as a traceback
        return "traceback", f"{type(e).__name__}: {e}"
    finally:
        os.chdir(cwd)
    assert is_self_check(solution.cells[exercise_cell + 1])
    return "correct", out.getvalue().strip().splitlines()[-1]


def classify(kind, line, expect):
    if kind == "correct":
        return "passed"
    if kind == "traceback":
        return "traceback"
    if expect.lower() in line.lower():
        return "named"
    return "vague" if any(v in line for v in VAGUE) else "wrong"


def all_mistakes():
    for path in MISTAKE_FILES:
        for number, description, code, expect in load_mistakes(path):
            yield pytest.param(path, number, code, expect, id=f"{path.stem}-ex{number}-{description}")


@pytest.fixture(scope="module")
def solutions():
    cache = {}

    def read(path):
        if path not in cache:
            solution = nbformat.read(solution_path(path), as_version=4)
            cache[path] = solution, exercises(solution)
        return cache[path]
    return read


def test_there_is_a_mistake_file_per_solution_notebook():
    chapters = {p.stem[:2] for p in gen.SOLUTIONS.glob("*.ipynb")}
    assert chapters == {p.stem[2:] for p in MISTAKE_FILES}


@pytest.mark.parametrize("path", MISTAKE_FILES, ids=lambda p: p.stem)
def test_every_code_exercise_has_enough_mistakes(path, solutions):
    _, found = solutions(path)
    counts = Counter(number for number, *_ in load_mistakes(path))
    short = {n: counts[n] for n in found if counts[n] < MIN_PER_EXERCISE}
    assert not short, f"exercises with fewer than {MIN_PER_EXERCISE} wrong answers: {short}"
    assert set(counts) <= set(found), f"mistakes for exercises that do not exist: {set(counts) - set(found)}"


@pytest.mark.parametrize("path", MISTAKE_FILES, ids=lambda p: p.stem)
def test_the_right_answers_pass_through_the_same_path(path, solutions):
    solution, found = solutions(path)
    for number, cell in found.items():
        kind, line = verdict(solution, cell, None)
        assert kind == "correct", f"Exercise {number}: the solution gets {line}"
        assert line.startswith(f"Correct: Exercise {number} ("), line


@pytest.mark.parametrize("path, number, code, expect", list(all_mistakes()))
def test_the_self_check_names_the_mistake(path, number, code, expect, solutions):
    solution, found = solutions(path)
    kind, line = verdict(solution, found[number], code)
    outcome = classify(kind, line, expect)
    assert outcome == "named", f"{outcome}: {line!r} does not say {expect!r}"
    assert line.startswith(f"Exercise {number} ("), f"the verdict does not name its exercise: {line}"


def report():
    """Counts per exercise of each outcome, as a table."""
    print(f"{'chapter':8} {'exercise':8} " + " ".join(f"{k:>9}" for k in
                                                    ("named", "vague", "wrong", "passed", "traceback")))
    totals = Counter()
    for path in MISTAKE_FILES:
        solution = nbformat.read(solution_path(path), as_version=4)
        found = exercises(solution)
        rows = {}
        for number, description, code, expect in load_mistakes(path):
            outcome = classify(*verdict(solution, found[number], code), expect)
            rows.setdefault(number, Counter())[outcome] += 1
            totals[outcome] += 1
        for number in sorted(rows):
            print(f"{path.stem:8} {number:8} " + " ".join(
                f"{rows[number][k]:9}" for k in ("named", "vague", "wrong", "passed", "traceback")))
    print(f"{'total':17} " + " ".join(f"{totals[k]:9}" for k in
                                      ("named", "vague", "wrong", "passed", "traceback")))


if __name__ == "__main__":
    report()
