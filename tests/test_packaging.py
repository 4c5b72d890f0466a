"""The wheel holds every gradlib package: pyproject lists each folder that has an __init__.py."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_lists_every_gradlib_package():
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    found = [".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "gradlib").rglob("__init__.py")]
    assert sorted(listed) == sorted(found)
