"""Generate the exercise notebooks from the solution notebooks.

``solutions/<chapter>.ipynb`` is the only source. This script writes
``exercises/<chapter>.ipynb`` from it:

* in a code cell, the lines from ``### BEGIN SOLUTION`` to ``### END SOLUTION``
  (markers included) become one line at the marker's indentation,
  ``raise NotImplementedError("Hint: <text>")``, where the text comes from an
  optional ``### HINT: <text>`` first line inside the block;
* in a markdown cell, the lines from ``<!-- BEGIN SOLUTION -->`` to
  ``<!-- END SOLUTION -->`` become ``*Write your answer here.*``;
* each self-check cell (a code cell calling ``check_answer(`` or ``check_function(``) gets the tag
  ``raises-exception``, so that JupyterLab's *Run All* goes on past a failed
  check and every exercise shows its own verdict (the self-check command still
  fails such a cell: see conftest.py); its source is folded (cell metadata
  ``jupyter.source_hidden``), since the mistakes it lists show the right
  formula, so that only its verdict shows until the learner unfolds it;
* cells tagged ``solution-only`` are dropped; every output, execution count and
  execution timing (cell metadata ``execution``, ``ExecuteTime``) is cleared, and
  the notebook's ``widgets`` metadata (widget state) is removed. Everything else
  (cell ids, tags, other metadata) is kept verbatim.

Usage (from anywhere):

    python tools/make_exercises.py                  # regenerate every exercise notebook
    python tools/make_exercises.py solutions/X.ipynb  # regenerate one
    python tools/make_exercises.py --check          # exit 1 if any exercise is out of date
"""
import argparse
import json
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

from gradlib.check.exercise import is_self_check

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"

CODE_BEGIN, CODE_END = "### BEGIN SOLUTION", "### END SOLUTION"
HINT_PREFIX = "### HINT:"
NO_HINT = "Write your solution here."
STUB_WIDTH = 88  # characters: a longer stub line is wrapped
MARKDOWN_BEGIN, MARKDOWN_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
MARKDOWN_STUB = "*Write your answer here.*"
SOLUTION_ONLY_TAG = "solution-only"
RUN_ALL_GOES_ON_TAG = "raises-exception"  # JupyterLab: an error here does not stop Run All
EXECUTION_METADATA = ("execution", "ExecuteTime")  # timings written when a notebook runs


class MarkerError(ValueError):
    """A solution notebook's markers are malformed; the message names the notebook and cell."""


@dataclass
class Block:
    """One solution block: lines ``begin`` to ``end`` (both markers), inclusive."""

    begin: int
    end: int
    indent: str
    hint: str | None


def find_blocks(lines, begin_marker, end_marker, where, hints=True):
    """Locate the solution blocks in a cell's lines; reject unbalanced or nested markers.

    With ``hints``, a block's first line may be a ``### HINT:`` line (and nowhere else).
    """
    blocks, open_at = [], None
    for i, line in enumerate(lines):
        marker = line.strip()
        if marker == begin_marker:
            if open_at is not None:
                raise MarkerError(f"{where}, line {i + 1}: nested {begin_marker!r} "
                                  f"(the block opened on line {open_at + 1} is not closed)")
            open_at = i
        elif marker == end_marker:
            if open_at is None:
                raise MarkerError(f"{where}, line {i + 1}: {end_marker!r} without {begin_marker!r}")
            indent = lines[open_at][: len(lines[open_at]) - len(lines[open_at].lstrip())]
            hint = _hint(lines, open_at, i, where) if hints else None
            blocks.append(Block(open_at, i, indent, hint))
            open_at = None
        elif hints and marker.startswith(HINT_PREFIX) and (open_at is None or i != open_at + 1):
            raise MarkerError(f"{where}, line {i + 1}: {HINT_PREFIX!r} must be the first line "
                              f"inside a solution block")
    if open_at is not None:
        raise MarkerError(f"{where}, line {open_at + 1}: {begin_marker!r} is never closed "
                          f"by {end_marker!r}")
    return blocks


def _hint(lines, begin, end, where):
    """The text of the block's ``### HINT:`` line, or None when it has none."""
    first = lines[begin + 1].strip() if begin + 1 < end else ""
    if not first.startswith(HINT_PREFIX):
        return None
    text = first[len(HINT_PREFIX):].strip()
    if not text:
        raise MarkerError(f"{where}, line {begin + 2}: empty {HINT_PREFIX!r}")
    return text


def replace_blocks(source, blocks, stub_for):
    """Replace each block of ``source`` by the line ``stub_for(block)``."""
    lines = source.split("\n")
    for block in reversed(blocks):
        lines[block.begin: block.end + 1] = [stub_for(block)]
    return "\n".join(lines)


def code_stub(block):
    """``raise NotImplementedError("Hint: ...")`` at the block's indentation.

    A hint too long for one line of STUB_WIDTH characters is split into string
    literals on lines of their own, which Python joins, so that it wraps in the
    editor instead of running off its right edge.
    """
    message = f"Hint: {block.hint}" if block.hint else NO_HINT
    one_line = f"{block.indent}raise NotImplementedError({_literal(message)})"
    if len(one_line) <= STUB_WIDTH:
        return one_line
    inner = block.indent + "    "
    pieces = textwrap.wrap(message, STUB_WIDTH - len(inner) - 3, drop_whitespace=False,
                           break_long_words=False, break_on_hyphens=False)
    body = "\n".join(inner + _literal(piece) for piece in pieces)
    return f"{block.indent}raise NotImplementedError(\n{body})"


def _literal(text):
    """A JSON string (ensure_ascii off), which is also a valid, readable Python string literal."""
    return json.dumps(text, ensure_ascii=False)


def markdown_stub(block):
    return f"{block.indent}{MARKDOWN_STUB}"


def cell_blocks(cell, where):
    """The solution blocks of one cell (none for raw cells)."""
    lines = cell.source.split("\n")
    if cell.cell_type == "code":
        return find_blocks(lines, CODE_BEGIN, CODE_END, where)
    if cell.cell_type == "markdown":
        return find_blocks(lines, MARKDOWN_BEGIN, MARKDOWN_END, where, hints=False)
    return []


def cell_label(name, index, cell):
    """How error messages name a cell: notebook, 0-based index and cell id."""
    return f"{name}, cell {index} (id {cell.get('id', '?')})"


def make_exercise(solution, name="<notebook>"):
    """Return the exercise notebook (a new NotebookNode) made from a solution notebook."""
    exercise = nbformat.from_dict(solution)
    exercise.metadata.pop("widgets", None)
    cells = []
    for index, cell in enumerate(exercise.cells):
        if SOLUTION_ONLY_TAG in cell.metadata.get("tags", []):
            continue
        blocks = cell_blocks(cell, cell_label(name, index, cell))
        stub = code_stub if cell.cell_type == "code" else markdown_stub
        cell.source = replace_blocks(cell.source, blocks, stub)
        if cell.cell_type == "code":
            if is_self_check(cell):
                tags = cell.metadata.setdefault("tags", [])
                if RUN_ALL_GOES_ON_TAG not in tags:
                    tags.append(RUN_ALL_GOES_ON_TAG)
                # Its candidate mistakes show the right formula: folded, opened only on request.
                cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
            cell.outputs, cell.execution_count = [], None
            for key in EXECUTION_METADATA:
                cell.metadata.pop(key, None)
        cells.append(cell)
    exercise.cells = cells
    return exercise


def notebook_text(nb):
    """The bytes ``nbformat.write`` puts in a file: indented JSON and a trailing newline."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def exercise_text(solution_path):
    """The exercise notebook generated from one solution file, as text."""
    solution = nbformat.read(solution_path, as_version=nbformat.NO_CONVERT)
    return notebook_text(make_exercise(solution, _relative(solution_path)))


def exercise_path(solution_path):
    return EXERCISES / Path(solution_path).name


def orphan_exercises():
    """Exercise notebooks whose solution notebook no longer exists."""
    return sorted(p for p in EXERCISES.glob("*.ipynb") if not (SOLUTIONS / p.name).exists())


def stale_exercises(solution_paths):
    """Messages for every exercise that is missing or differs from its regenerated text."""
    problems = []
    for path in solution_paths:
        target = exercise_path(path)
        current = target.read_bytes() if target.exists() else None
        if current != exercise_text(path).encode("utf-8"):
            state = "is missing" if current is None else "is out of date"
            problems.append(f"{_relative(target)} {state} (source: {_relative(path)})")
    return problems


def _relative(path):
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("solutions", nargs="*", type=Path,
                        help="solution notebooks to process (default: all of solutions/*.ipynb)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 listing exercises that are out of date")
    args = parser.parse_args(argv)
    everything = not args.solutions
    paths = sorted(SOLUTIONS.glob("*.ipynb")) if everything else args.solutions

    if args.check:
        problems = stale_exercises(paths)
        if everything:
            problems += [f"{_relative(p)} has no solution notebook" for p in orphan_exercises()]
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("Run `make exercises` to regenerate them.", file=sys.stderr)
        return 1 if problems else 0

    EXERCISES.mkdir(exist_ok=True)
    for path in paths:
        exercise_path(path).write_text(exercise_text(path), encoding="utf-8")
        print(f"wrote {_relative(exercise_path(path))}")
    if everything:
        for orphan in orphan_exercises():
            orphan.unlink()
            print(f"removed {_relative(orphan)} (no solution notebook)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
