"""The self-check of exercise notebooks: a pytest plugin, loaded wherever gradlib is installed.

It is registered as the ``pytest11`` entry point ``gradlib-selfcheck`` (pyproject.toml),
so a learner's ``pytest exercises/<chapter>.ipynb`` (``make check``) behaves the same in
the repository and in the downloaded course. nbval runs every notebook; this plugin
changes how it runs an **exercise notebook** (any notebook in a folder named
``exercises``), which is a learner's work:

* its stored outputs are never compared (JupyterLab autosaves whatever the last
  attempt printed), so only whether each cell runs counts, as with ``--nbval-lax``;
* a cell that raises fails, even when it carries the ``raises-exception`` tag that
  lets JupyterLab's *Run All* go on past a failed self-check;
* each test is named after the exercise it belongs to
  (``exercises/00_checking_gradients.ipynb::Exercise 2``), and a failure is reported
  as one line: the checker's verdict, or the exception the learner's code raised.

Book and solution notebooks are left to nbval's strict comparison; a failed
self-check there gets its verdict as the first line of the report.
"""
import re
from pathlib import Path

import pytest
from nbval.plugin import IPyNbCell, IPyNbFile

from .exercise import is_self_check

ANSI_COLOR = re.compile(r"\x1b\[[0-9;]*m")
VERDICT = re.compile(r"ExerciseError: (.+)")
EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit)): ?(.*)$", re.M)
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)
EXERCISE_HEADING = re.compile(r"^(Exercise \d+)\b")
NAMED_VERDICT = re.compile(r"^(Exercise \d+) \((.+?)\): ")  # "Exercise 2 (numerical_grad): ..."
EXERCISE_FOLDER = "exercises"
EXPLICIT_RAISES_TAG = "nbval-raises-exception"  # the only way a cell may raise in an exercise

def is_exercise_notebook(path):
    return EXERCISE_FOLDER in Path(path).parts[:-1]


def section_names(cells):
    """The name of the test of each code cell, by its index among the code cells.

    A code cell belongs to the section of the last markdown heading above it:
    "Exercise 2" for a heading "## Exercise 2: central differences", the heading's
    text for any other, and "Setup" before the first heading. In each section the
    first self-check cell (the one calling ``check_answer``) takes the section's
    name; every other code cell is "<section>, cell <k>", k counting the section's
    code cells from 1.
    """
    section, sections = "Setup", []
    for cell in cells:
        if cell.cell_type == "markdown":
            headings = HEADING.findall(cell.source)
            if headings:
                title = headings[-1]
                exercise = EXERCISE_HEADING.match(title)
                section = exercise.group(1) if exercise else title.rstrip(":")
        elif cell.cell_type == "code":
            sections.append((section, is_self_check(cell)))
    names, taken, position = [], set(), {}
    for section, self_check in sections:
        position[section] = position.get(section, 0) + 1
        name = section if self_check and section not in taken else f"{section}, cell {position[section]}"
        taken.add(name)
        names.append(name)
    return names


class ExerciseCell(IPyNbCell):
    """A cell of an exercise notebook, reported under its exercise's name."""

    def reportinfo(self):
        return self.path, 0, self.name


class ExerciseNotebook(IPyNbFile):
    """An exercise notebook, as the self-check runs it (see the module docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.compare_outputs = False  # a learner's saved outputs are never compared

    def collect(self):
        cells = list(super().collect())
        names = section_names(self.nb.cells)
        for cell in cells:
            options = cell.options
            options["check_exception"] = EXPLICIT_RAISES_TAG in cell.cell.metadata.get("tags", [])
            yield ExerciseCell.from_parent(self, name=names[cell.cell_num], cell_num=cell.cell_num,
                                           cell=cell.cell, options=options)


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path, parent):
    """nbval collects every notebook; an exercise notebook is collected as an ExerciseNotebook."""
    collectors = yield
    if not is_exercise_notebook(file_path):
        return collectors
    return [ExerciseNotebook.from_parent(parent, path=file_path) if isinstance(c, IPyNbFile) else c
            for c in collectors]


def one_line_verdict(text):
    """The checker's verdict in a failed cell's report, or else the exception the cell raised."""
    text = ANSI_COLOR.sub("", text)
    verdict = VERDICT.search(text)
    if verdict:
        return verdict.group(1)
    exceptions = EXCEPTION_LINE.findall(text)
    if exceptions:
        name, message = exceptions[-1]
        return f"{name}: {message}" if message else name
    return None


def without_test_name(verdict, test_name):
    """"Exercise 2 (numerical_grad): ..." as "numerical_grad: ..." in the test "Exercise 2".

    pytest prints the test's name before its report, so the exercise is named once.
    """
    named = NAMED_VERDICT.match(verdict)
    if named and named.group(1) == test_name:
        return f"{named.group(2)}: {verdict[named.end():]}"
    return verdict


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Put a failed self-check's verdict first in its report: pytest's summary prints that line.

    In an exercise notebook the one-line verdict (or the learner's exception) is the
    whole report; elsewhere it heads the full report.
    """
    report = (yield).get_result()
    if not (report.failed and isinstance(report.longrepr, str) and hasattr(item, "cell_num")):
        return
    if is_exercise_notebook(item.path):
        report.longrepr = without_test_name(one_line_verdict(report.longrepr) or report.longrepr, item.name)
    else:
        verdict = VERDICT.search(ANSI_COLOR.sub("", report.longrepr))
        if verdict:
            report.longrepr = f"{verdict.group(1)}\n{report.longrepr}"
