"""Pytest setup for the whole repository, loaded from any folder below it.

* nbval's sanitize file is given as an absolute path here, not in addopts, so that
  pytest works from any folder: its rules compare round-off as round-off.
* The self-check of exercise notebooks is gradlib's plugin ``gradlib.check.selfcheck``
  (the downloadable course loads it the same way): a learner's notebook is run lax,
  each failure named after its exercise, in one line.
"""
from pathlib import Path

pytest_plugins = ["gradlib.check.selfcheck"]

SANITIZE = Path(__file__).resolve().parent / "tests" / "nbval_sanitize.cfg"


def pytest_configure(config):
    if config.option.nbval_sanitize_with is None:
        config.option.nbval_sanitize_with = str(SANITIZE)
