"""Pytest setup for the whole repository, loaded from any folder below it.

nbval's sanitize file is given as an absolute path here (not in addopts), so that a
learner can self-check from the exercises/ folder as well as from the root; and a
failing self-check's verdict becomes the first line of its report, which is what
pytest's short summary prints for each failed cell.
"""
import re
from pathlib import Path

import pytest

ANSI_COLOR = re.compile(r"\x1b\[[0-9;]*m")
VERDICT = re.compile(r"ExerciseError: (.+)")

SANITIZE = Path(__file__).resolve().parent / "tests" / "nbval_sanitize.cfg"


def pytest_configure(config):
    if config.option.nbval_sanitize_with is None:
        config.option.nbval_sanitize_with = str(SANITIZE)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    if report.failed and isinstance(report.longrepr, str):
        verdict = VERDICT.search(ANSI_COLOR.sub("", report.longrepr))
        if verdict:
            report.longrepr = f"{verdict.group(1)}\n{report.longrepr}"
