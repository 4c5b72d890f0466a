"""Pytest setup for the whole repository, loaded from any folder below it.

nbval's sanitize file is given as an absolute path here (not in addopts), so that a
learner can self-check from the exercises/ folder as well as from the root.
"""
from pathlib import Path

SANITIZE = Path(__file__).resolve().parent / "tests" / "nbval_sanitize.cfg"


def pytest_configure(config):
    if config.option.nbval_sanitize_with is None:
        config.option.nbval_sanitize_with = str(SANITIZE)
