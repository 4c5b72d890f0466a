"""The exercise pipeline: solutions/*.ipynb -> exercises/*.ipynb by tools/make_exercises.py.

1. the committed exercises are exactly what the generator makes from the solutions;
2. every exercise cell is followed by its self-check, and exercises ship without outputs;
3. run as shipped, an exercise notebook fails exactly in its self-checks, with the hints;
4. a self-check catches a wrong answer (the solution with its sign flipped);
5. the generator's own rules, on small notebooks built here.
"""
import ast

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

import make_exercises as gen
from gradlib.check.exercise import SELF_CHECKS, is_self_check

SOLUTION_PATHS = sorted(gen.SOLUTIONS.glob("*.ipynb"))
EXERCISE_PATHS = sorted(gen.EXERCISES.glob("*.ipynb"))
REGENERATE = "run `make exercises` and commit the regenerated notebook"
MIN_SOLUTION_BLOCKS = 3


def by_name(paths):
    return pytest.mark.parametrize("path", paths, ids=[p.stem for p in paths])


def read(path):
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def exercise_cells(solution):
    """(index, next cell or None, stub messages) for each code cell holding a solution block.

    The stub messages are what each block's ``raise NotImplementedError`` says:
    its hint, or the generator's default text.
    """
    found = []
    for i, cell in enumerate(solution.cells):
        blocks = gen.cell_blocks(cell, f"cell {i}") if cell.cell_type == "code" else []
        if blocks:
            following = solution.cells[i + 1] if i + 1 < len(solution.cells) else None
            found.append((i, following, [b.hint or gen.NO_HINT for b in blocks]))
    return found


def errors_by_cell_id(nb):
    return {cell.id: out for cell in nb.cells if cell.cell_type == "code"
            for out in cell.outputs if out.output_type == "error"}


# 1. The committed exercises are up to date. -------------------------------------------

def test_there_are_solution_notebooks():
    assert SOLUTION_PATHS, "solutions/ has no notebook, so no exercise is generated or tested"


@by_name(SOLUTION_PATHS)
def test_committed_exercise_matches_its_solution(path):
    stale = gen.stale_exercises([path])
    assert not stale, f"{stale[0]}: {REGENERATE}"


def test_every_exercise_has_a_solution():
    orphans = [str(p.relative_to(gen.ROOT)) for p in gen.orphan_exercises()]
    assert not orphans, f"exercises without a solution notebook: {orphans}; {REGENERATE}"


# 2. Structure. ---------------------------------------------------------------------------

@by_name(SOLUTION_PATHS)
def test_solution_has_enough_exercises(path):
    solution = read(path)
    count = sum(len(gen.cell_blocks(cell, f"cell {i}")) for i, cell in enumerate(solution.cells))
    assert count >= MIN_SOLUTION_BLOCKS, f"{path.name} has {count} solution blocks"


@by_name(SOLUTION_PATHS)
def test_every_exercise_is_followed_by_its_self_check(path):
    solution = read(path)
    assert all("id" in cell for cell in solution.cells), \
        f"{path.name}: cells need ids (nbformat 4.5) so exercises can be matched to cells"
    for i, following, _ in exercise_cells(solution):
        assert (following is not None and is_self_check(following)
                and gen.SOLUTION_ONLY_TAG not in following.metadata.get("tags", [])), (
            f"{path.name}, cell {i}: the cell after an exercise must call one of {SELF_CHECKS}")


@by_name(EXERCISE_PATHS)
def test_committed_exercise_has_no_outputs(path):
    dirty = [i for i, cell in enumerate(read(path).cells) if cell.cell_type == "code"
             and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; {REGENERATE}"


# 3. The shipped stubs fail exactly in their self-checks. -----------------------------------

@pytest.fixture(scope="module", params=SOLUTION_PATHS, ids=[p.stem for p in SOLUTION_PATHS])
def shipped_run(request, run_notebook):
    """The solution notebook, and its committed exercise notebook executed once."""
    exercise = gen.exercise_path(request.param)
    if not exercise.exists():
        pytest.fail(f"{exercise.name} is missing from exercises/: {REGENERATE}")
    return read(request.param), run_notebook(read(exercise), gen.EXERCISES)


def test_stubs_fail_only_in_their_self_checks(shipped_run):
    solution, executed = shipped_run
    expected = {following.id: messages for _, following, messages in exercise_cells(solution)
                if following is not None}
    errors = errors_by_cell_id(executed)
    index = {cell.id: f"{i} (id {cell.id})" for i, cell in enumerate(executed.cells)}

    unexpected = [f"cell {index[cell_id]}: {e.ename}: {e.evalue}"
                  for cell_id, e in errors.items() if cell_id not in expected]
    assert not unexpected, "cells outside the self-checks failed:\n" + "\n".join(unexpected)
    silent = [f"cell {index.get(cell_id, cell_id)}" for cell_id in expected if cell_id not in errors]
    assert not silent, f"self-checks that did not report their unfinished exercise: {silent}"
    for cell_id, messages in expected.items():
        e = errors[cell_id]
        assert e.ename == "ExerciseError" and "not implemented yet" in e.evalue, \
            f"cell {index[cell_id]}: {e.ename}: {e.evalue}"
        assert any(message in e.evalue for message in messages), \
            f"cell {index[cell_id]}: the error does not show the hint {messages}: {e.evalue}"


# 4. A self-check has teeth. ----------------------------------------------------------------

def first_function_exercise(solution):
    """(cell index, name) of the first top-level function that holds a solution block."""
    for i, _, _ in exercise_cells(solution):
        cell = solution.cells[i]
        begin_line = gen.cell_blocks(cell, f"cell {i}")[0].begin + 1
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.FunctionDef) and node.lineno <= begin_line <= node.end_lineno:
                return i, node.name
    pytest.fail("no exercise is a top-level function, so none can be mutated")


def sign_flipped(name):
    """A cell that replaces the function ``name`` by one returning minus its result."""
    return new_code_cell(
        "import numpy as np\n\n"
        f"_{name}_right = {name}\n\n"
        f"def {name}(*args, **kwargs):\n"
        f"    return -np.asarray(_{name}_right(*args, **kwargs))")


@by_name(SOLUTION_PATHS)
def test_self_check_reports_a_flipped_sign(path, run_notebook):
    solution = read(path)
    i, name = first_function_exercise(solution)
    solution.cells = solution.cells[:i + 1] + [sign_flipped(name), solution.cells[i + 1]]
    executed = run_notebook(solution, gen.SOLUTIONS)
    self_check = executed.cells[-1]
    errors = errors_by_cell_id(executed)
    assert list(errors) == [self_check.id], (
        f"only the self-check of {name}, returning minus the right answer, should fail; "
        f"errors: {[f'{e.ename}: {e.evalue}' for e in errors.values()]}")
    assert errors[self_check.id].ename == "ExerciseError"
    assert "sign flipped" in errors[self_check.id].evalue, errors[self_check.id].evalue


# 5. The generator itself. --------------------------------------------------------------------

EXERCISE_SOURCE = '''def f(x):
    """Twice x."""
    y = 2
    ### BEGIN SOLUTION
    ### HINT: use "y", once.
    return y * x
    ### END SOLUTION'''


def notebook(*cells):
    return new_notebook(cells=list(cells), metadata={"widgets": {"state": {}}, "keep": 1})


def generated_source(source, cell=new_code_cell):
    return gen.make_exercise(notebook(cell(source))).cells[0].source


def test_code_block_becomes_a_stub_with_the_hint_at_its_indentation():
    stub = generated_source(EXERCISE_SOURCE)
    assert stub == ('def f(x):\n    """Twice x."""\n    y = 2\n'
                    '    raise NotImplementedError("Hint: use \\"y\\", once.")')
    namespace = {}
    exec(stub, namespace)
    with pytest.raises(NotImplementedError, match='^Hint: use "y", once.$'):
        namespace["f"](1)


def test_a_long_hint_is_wrapped_into_lines_python_joins():
    hint = "Follow one example from w to C: which three derivatives does the chain rule multiply? " * 2
    source = EXERCISE_SOURCE.replace('use "y", once.', hint.strip())
    stub = generated_source(source)
    lines = stub.split("\n")
    assert max(map(len, lines)) <= gen.STUB_WIDTH, stub
    assert len(lines) > 5, "a long hint stays on one line"
    namespace = {}
    exec(stub, namespace)
    with pytest.raises(NotImplementedError) as raised:
        namespace["f"](1)
    assert str(raised.value) == f"Hint: {hint.strip()}"


@by_name(EXERCISE_PATHS)
def test_self_checks_are_folded_and_go_on_after_a_failure(path):
    """Their candidate mistakes would show the formula: only the verdict shows until unfolded."""
    for cell in read(path).cells:
        if is_self_check(cell):
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.id
            assert gen.RUN_ALL_GOES_ON_TAG in cell.metadata.get("tags", []), cell.id


def stub_lines(source):
    """The lines of each ``raise NotImplementedError(...)`` statement in a cell."""
    lines, inside = [], False
    for line in source.split("\n"):
        inside = inside or "raise NotImplementedError(" in line
        if inside:
            lines.append(line)
            inside = not line.rstrip().endswith(")")
    return lines


def test_shipped_stubs_fit_the_editor():
    wide = [(path.name, line) for path in EXERCISE_PATHS for cell in read(path).cells
            if cell.cell_type == "code" for line in stub_lines(cell.source) if len(line) > gen.STUB_WIDTH]
    assert not wide, f"hint lines wider than {gen.STUB_WIDTH} characters: {wide}"


def test_block_without_hint_gets_the_default_message_and_nested_indentation():
    source = ("def f(x):\n    if x:\n        ### BEGIN SOLUTION\n        return 1\n"
              "        ### END SOLUTION\n    return 0\n")
    assert generated_source(source) == (
        f'def f(x):\n    if x:\n        raise NotImplementedError("{gen.NO_HINT}")\n'
        "    return 0\n")


def test_every_block_of_a_cell_is_replaced():
    two = EXERCISE_SOURCE + "\n\n" + EXERCISE_SOURCE.replace("def f", "def g")
    assert generated_source(two).count("raise NotImplementedError") == 2
    assert "return y * x" not in generated_source(two)


def test_markdown_block_becomes_a_prompt():
    source = "Derive it.\n\n<!-- BEGIN SOLUTION -->\n$$a = b$$\n\n<!-- END SOLUTION -->\nDone."
    assert generated_source(source, new_markdown_cell) == (
        f"Derive it.\n\n{gen.MARKDOWN_STUB}\nDone.")


@pytest.mark.parametrize("new_cell", [new_markdown_cell, new_raw_cell])
def test_code_markers_outside_code_cells_are_text(new_cell):
    assert generated_source(EXERCISE_SOURCE, new_cell) == EXERCISE_SOURCE


def test_outputs_widgets_and_solution_only_cells_go_ids_tags_and_metadata_stay():
    cell = new_code_cell("1 + 1", execution_count=3, metadata={"tags": ["keep-me"],
                                                               "execution": {"iopub.status.busy": "2026-01-01T00:00:00Z"}})
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                           execution_count=3)]
    dropped = new_code_cell("secret", metadata={"tags": [gen.SOLUTION_ONLY_TAG]})
    solution = notebook(cell, dropped)
    exercise = gen.make_exercise(solution)
    [kept] = exercise.cells
    assert kept.id == cell.id and kept.metadata == {"tags": ["keep-me"]}
    assert kept.outputs == [] and kept.execution_count is None
    assert exercise.metadata == {"keep": 1}
    assert solution.cells[0].outputs and "widgets" in solution.metadata, "input was modified"


def test_written_text_is_what_nbformat_writes(tmp_path):
    exercise = gen.make_exercise(notebook(new_code_cell(EXERCISE_SOURCE)))
    nbformat.write(exercise, tmp_path / "x.ipynb")
    assert gen.notebook_text(exercise) == (tmp_path / "x.ipynb").read_text(encoding="utf-8")


@pytest.mark.parametrize("source, problem", [
    ("### BEGIN SOLUTION\nx = 1", "line 1: '### BEGIN SOLUTION' is never closed"),
    ("x = 1\n### END SOLUTION", "line 2: '### END SOLUTION' without '### BEGIN SOLUTION'"),
    ("### BEGIN SOLUTION\n  ### BEGIN SOLUTION\n### END SOLUTION\n### END SOLUTION",
     "line 2: nested '### BEGIN SOLUTION'"),
    ("### BEGIN SOLUTION\nx = 1\n### HINT: late\n### END SOLUTION",
     "line 3: '### HINT:' must be the first line"),
    ("### HINT: outside\nx = 1", "line 1: '### HINT:' must be the first line"),
    ("### BEGIN SOLUTION\n### HINT:\n### END SOLUTION", "line 2: empty '### HINT:'"),
])
def test_malformed_markers_name_notebook_cell_and_line(source, problem):
    solution = notebook(new_markdown_cell("intro"), new_code_cell(source))
    cell_id = solution.cells[1].id
    with pytest.raises(gen.MarkerError) as raised:
        gen.make_exercise(solution, "solutions/demo.ipynb")
    assert str(raised.value).startswith(f"solutions/demo.ipynb, cell 1 (id {cell_id}), {problem}")


def test_unbalanced_markdown_markers_are_rejected():
    solution = notebook(new_markdown_cell("<!-- BEGIN SOLUTION -->\nanswer"))
    with pytest.raises(gen.MarkerError, match="cell 0 .*'<!-- BEGIN SOLUTION -->' is never closed"):
        gen.make_exercise(solution, "solutions/demo.ipynb")


def test_command_line_writes_checks_and_removes_orphans(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gen, "SOLUTIONS", tmp_path / "solutions")
    monkeypatch.setattr(gen, "EXERCISES", tmp_path / "exercises")
    gen.SOLUTIONS.mkdir()
    nbformat.write(notebook(new_code_cell(EXERCISE_SOURCE)), gen.SOLUTIONS / "ch.ipynb")

    assert gen.main(["--check"]) == 1 and "ch.ipynb is missing" in capsys.readouterr().err
    assert gen.main([]) == 0
    written = (gen.EXERCISES / "ch.ipynb").read_bytes()
    assert gen.main([str(gen.SOLUTIONS / "ch.ipynb")]) == 0
    assert (gen.EXERCISES / "ch.ipynb").read_bytes() == written, "output is not deterministic"
    assert gen.main(["--check"]) == 0

    (gen.EXERCISES / "ch.ipynb").write_bytes(written.replace(b"Hint", b"Hunt"))
    (gen.EXERCISES / "orphan.ipynb").write_bytes(written)
    assert gen.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert "ch.ipynb is out of date" in err and "orphan.ipynb has no solution" in err
    assert "make exercises" in err
    assert gen.main([]) == 0 and not (gen.EXERCISES / "orphan.ipynb").exists()
    assert gen.main(["--check"]) == 0
