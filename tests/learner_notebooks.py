"""Exercise notebooks as a learner leaves them: some exercises done, some not.

Built from a solution notebook with the generator's own rules, so they are the
committed exercise notebook except that the chosen exercises are worked.
"""
import nbformat

import make_exercises as gen
from gradlib.check.exercise import is_self_check

MARKERS = (gen.CODE_BEGIN, gen.CODE_END)


def solution_blocks(solution):
    """(cell index, block) for every code solution block, in notebook order."""
    return [(i, block) for i, cell in enumerate(solution.cells) if cell.cell_type == "code"
            for block in gen.cell_blocks(cell, f"cell {i}")]


def worked(solution, unfinished=()):
    """The exercise notebook with every code exercise solved except those numbered in ``unfinished``.

    Exercises are numbered from 0 by their code blocks, in notebook order. A
    solved block keeps the solution's code (its marker and hint lines removed);
    an unfinished one becomes the generator's stub.
    """
    solution = nbformat.from_dict(solution)
    marker_lines = {}
    for number, (i, block) in enumerate(solution_blocks(solution)):
        if number not in unfinished:
            marker_lines.setdefault(i, set()).update({block.begin, block.end} | (
                {block.begin + 1} if block.hint else set()))
    for i, drop in marker_lines.items():
        lines = solution.cells[i].source.split("\n")
        solution.cells[i].source = "\n".join(l for k, l in enumerate(lines) if k not in drop)
    return gen.make_exercise(solution)


def self_check_cells(nb):
    """The self-check cells, in order."""
    return [cell for cell in nb.cells if is_self_check(cell)]
