"""The course download, installed as a reader would: a fresh venv, then a chapter's self-check.

Unzips _build/course/gradients-by-hand-course.zip (made by `make course`, or here if it
is missing), installs its requirements and gradlib's wheel into a new virtual
environment (pip's own configuration decides the index), and runs the self-check of
Chapter 0 there with nbval, outside the repository: the solutions pass, the untouched
exercises fail on their stubs with the checker's hint. Run on its own with
`pytest -m course` (about two minutes, most of it pip).
"""
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import make_course

pytestmark = [pytest.mark.course, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[1]
COURSE_ZIP = REPO / "_build" / "course" / "gradients-by-hand-course.zip"
CHAPTER = "00_checking_gradients.ipynb"


def run(args, cwd):
    """Run outside the repository's environment: no inherited venv or pytest settings."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTEST_ADDOPTS"}}
    env["COLUMNS"] = "400"  # pytest's summary lines whole, not cut at 80 characters
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The unpacked course folder, with its own venv in .venv/."""
    if not COURSE_ZIP.exists():
        make_course.main(COURSE_ZIP)
    root = tmp_path_factory.mktemp("reader")
    with zipfile.ZipFile(COURSE_ZIP) as archive:
        archive.extractall(root)
    folder = root / make_course.FOLDER
    venv = folder / ".venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    [wheel] = (folder / "wheels").glob("gradlib-*.whl")
    installed = run([venv / "bin" / "pip", "install", "-q", "-r", "requirements.txt", "-c", "constraints.txt",
                     wheel.relative_to(folder)], cwd=folder)
    assert installed.returncode == 0, f"the course's install failed:\n{installed.stdout[-3000:]}{installed.stderr[-3000:]}"
    return folder


def test_the_course_has_what_a_reader_needs():
    if not COURSE_ZIP.exists():
        make_course.main(COURSE_ZIP)
    names = zipfile.ZipFile(COURSE_ZIP).namelist()
    for folder in ["exercises", "solutions"]:
        for notebook in sorted((REPO / folder).glob("*.ipynb")):
            assert f"{make_course.FOLDER}/{folder}/{notebook.name}" in names
    for name in ["README.md", "requirements.txt", "constraints.txt", "LICENSE", "LICENSE-TEXT"]:
        assert f"{make_course.FOLDER}/{name}" in names
    assert any(n.startswith(f"{make_course.FOLDER}/wheels/gradlib-") and n.endswith(".whl") for n in names)


def test_gradlib_imports_from_the_wheel(course):
    result = run([course / ".venv" / "bin" / "python", "-c", "import gradlib; print(gradlib.__file__)"], cwd=course)
    assert result.returncode == 0, result.stderr
    assert str(course / ".venv") in result.stdout, f"gradlib came from {result.stdout}, not the course's venv"


def test_the_solutions_pass_their_self_check(course):
    result = run([course / ".venv" / "bin" / "pytest", "--nbval-lax", f"solutions/{CHAPTER}"], cwd=course)
    assert result.returncode == 0, f"solutions/{CHAPTER} failed its self-check:\n{result.stdout[-4000:]}"


def test_the_untouched_exercises_fail_their_self_check(course):
    """The course's own pytest setup: each stub fails as 'Exercise N', in one line with its hint."""
    result = run([course / ".venv" / "bin" / "pytest", f"exercises/{CHAPTER}"], cwd=course)
    assert result.returncode == 1, f"exercises/{CHAPTER}:\n{result.stdout[-4000:]}"
    failed = re.findall(r"^FAILED \S+::(Exercise \d+) - (.*)$", result.stdout, re.M)
    assert [name for name, _ in failed] == [f"Exercise {n}" for n in range(1, len(failed) + 1)], result.stdout
    assert failed and all("not implemented yet. Hint:" in verdict for _, verdict in failed), result.stdout
    assert "Traceback" not in result.stdout, result.stdout[-4000:]
