"""The course download: exercises, solutions, gradlib's wheel, pinned requirements, a how-to,
and the pytest setup of the self-check (course/conftest.py, course/pytest.ini).

Usage: python tools/make_course.py OUT.zip

Everything sits in one folder, gradients-by-hand-course/, inside the zip. The wheel is
built with pyproject.toml's build backend from a copy of the package's sources. The
requirements are the lines of requirements.txt that the notebooks need, with the same
pins, and constraints.txt pins everything they pull in.
"""
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOLDER = "gradients-by-hand-course"
# What running the exercises needs, by requirements.txt's names: the rest builds the website.
NOTEBOOK_PACKAGES = {"numpy", "matplotlib", "ipywidgets", "jupyterlab", "ipykernel", "nbval", "pytest"}
PACKAGE_SOURCES = ["pyproject.toml", "README.md", "LICENSE", "gradlib"]


def course_requirements():
    """requirements.txt's pins for NOTEBOOK_PACKAGES, in its order."""
    lines = ["# The packages the notebooks need, pinned as the book pins them.",
             "# Install: pip install -r requirements.txt -c constraints.txt wheels/gradlib-*.whl"]
    for line in (REPO / "requirements.txt").read_text().splitlines():
        name = re.split(r"[=<>~!\[ ]", line, maxsplit=1)[0].strip().lower()
        if name in NOTEBOOK_PACKAGES:
            lines.append(line)
    missing = NOTEBOOK_PACKAGES - {re.split(r"==", line)[0] for line in lines[2:]}
    assert not missing, f"requirements.txt does not pin {sorted(missing)}"
    return "\n".join(lines) + "\n"


def build_wheel(into):
    """gradlib's wheel, built from a clean copy of its sources (no build/ left in the repo)."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in PACKAGE_SOURCES:
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, Path(tmp) / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(source, tmp)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", into, tmp],
                       check=True)
    [wheel] = Path(into).glob("gradlib-*.whl")
    return wheel


def main(out):
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(out.with_suffix(".tmp"), "w",
                                                               zipfile.ZIP_DEFLATED) as archive:
        wheel = build_wheel(tmp)
        files = {"README.md": REPO / "course" / "README.md", "constraints.txt": REPO / "constraints.txt",
                 "conftest.py": REPO / "course" / "conftest.py", "pytest.ini": REPO / "course" / "pytest.ini",
                 "LICENSE": REPO / "LICENSE", "LICENSE-TEXT": REPO / "LICENSE-TEXT",
                 f"wheels/{wheel.name}": wheel}
        for folder in ["exercises", "solutions"]:
            files |= {f"{folder}/{p.name}": p for p in sorted((REPO / folder).glob("*.ipynb"))}
        for name, path in files.items():
            archive.write(path, f"{FOLDER}/{name}")
        archive.writestr(f"{FOLDER}/requirements.txt", course_requirements())
    out.with_suffix(".tmp").replace(out)
    print(f"{out}: {len(files) + 1} files, {out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main(sys.argv[1])
