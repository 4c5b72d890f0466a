"""The learners' self-check (gradlib.check.exercise): every verdict a learner can get.

Each test gives a wrong answer of one kind and asserts the one-line verdict that
names it; a right answer must pass, and no wrong one may.
"""
import re

import numpy as np
import pytest

from gradlib.check import numerical_grad as central
from gradlib.check.exercise import (ExerciseError, agrees, check_answer, check_function,
                                    crash_verdict, diagnose)

rng = np.random.default_rng(0)
WANT = rng.standard_normal((4, 3))
B = 4


def test_a_right_answer_passes_and_prints_correct(capsys):
    check_answer("Exercise 1 (dC/dW)", WANT + 1e-12, WANT)
    assert capsys.readouterr().out.startswith("Correct: Exercise 1 (dC/dW) (relative error")


def test_entries_are_compared_not_only_the_norm():
    want = np.array([1.0, 2.0, 3e-7])
    got = np.array([1.0, 2.0, -3e-7])  # norm-relative error 2.7e-7 < 1e-6
    assert not agrees(got, want)
    assert diagnose(got, want) == "1 of 3 entries have the wrong sign"


@pytest.mark.parametrize("got, verdict", [
    (None, "the answer is None: did the function forget to `return` its result?"),
    ("3", "the answer is a str, not an array of numbers"),
    ((WANT, WANT[0]), "the answer is a tuple of 2 arrays, not one array: return only what the exercise asks for"),
    (WANT * np.nan, "the answer contains NaN or inf (an overflow, or log/division by zero?)"),
    (WANT.T, "wrong shape: got (3, 4), expected (4, 3); it is the transpose of the right answer"),
    (WANT[:, :2], "wrong shape: got (4, 2), expected (4, 3)"),
    (WANT.sum(axis=0), "wrong shape: got (3,), expected (4, 3); an axis is missing (summed or indexed away?)"),
    (-WANT, "sign flipped: the answer is -1 times the right one"),
    (2 * WANT, "off by a constant factor: the answer is 2 times the right one"),
    (WANT / 2, "off by a constant factor: the answer is 1/2 times the right one"),
    (B * WANT, "off by a constant factor: the answer is B (B = 4, the batch size) times the right one"),
    (WANT / B, "off by a constant factor: the answer is 1/B (B = 4, the batch size) times the right one"),
])
def test_what_every_exercise_can_get_wrong_is_named(got, verdict):
    assert diagnose(got, WANT, batch_size=B) == verdict


def test_an_arbitrary_factor_is_a_chain_rule_factor_never_a_number():
    verdict = diagnose(0.9496 * WANT, WANT, batch_size=B)
    assert "a factor (of the chain rule, or a step size) is missing or wrong" in verdict
    assert not re.search(r"\d\.\d", verdict), verdict


def test_zeros_and_scalars_are_named_plainly():
    assert diagnose(np.zeros_like(WANT), WANT) == "the answer is zero everywhere, and the right one is not"
    assert diagnose(np.float64(0.3), np.float64(0.5)) == "got 0.3, expected 0.5"
    assert diagnose(np.float64(1.0), np.float64(0.5)) == "off by a constant factor: the answer is 2 times the right one"


def test_a_factor_per_row_or_per_column_is_named():
    rows = rng.uniform(0.5, 1.5, size=(4, 1))
    cols = rng.uniform(0.5, 1.5, size=(1, 3))
    assert "each row is off by its own factor" in diagnose(rows * WANT, WANT)
    assert "each column is off by its own factor" in diagnose(cols * WANT, WANT)


def test_the_same_error_in_every_row_is_a_shared_term():
    assert "a bias?" in diagnose(WANT + np.array([0.1, -0.2, 0.3]), WANT)


def test_a_few_wrong_entries_are_counted_and_located():
    got = WANT.copy()
    got[2, 1] += 1.0
    assert diagnose(got, WANT) == (f"1 of 12 entries are wrong, the first at index (2, 1): "
                                   f"got {got[2, 1]:.6g}, expected {WANT[2, 1]:.6g}")


def test_per_example_answers_not_summed_over_the_batch():
    per_example = rng.standard_normal((5, 3))
    assert diagnose(per_example, per_example.sum(axis=0)).endswith(
        "it is right for each example but not summed over the batch (axis 0)")


def test_the_exercise_candidates_are_named_first():
    wrong = 2 * WANT  # also "2 times", but the exercise knows why
    verdict = diagnose(wrong, WANT, mistakes={"the squared error without its factor 2, twice": -WANT,
                                              "counting the 2 from the square twice": wrong})
    assert verdict == "it matches a likely mistake: counting the 2 from the square twice"


def test_missing_and_doubled_terms():
    term = rng.standard_normal((4, 3))
    assert diagnose(WANT - term, WANT, terms={"αW": term}) == "it matches a likely mistake: the term αW is missing"
    assert diagnose(WANT + term, WANT, terms={"αW": term}) == "it matches a likely mistake: the term αW is counted twice"


def learner_function(x):
    y = x @ np.ones((5, 2))  # x is (4, 3): a crash in the learner's own line
    return y


def test_a_crash_is_one_line_with_the_learners_line():
    with pytest.raises(ExerciseError) as raised:
        check_answer("Exercise 3 (dC/dX)", lambda: learner_function(WANT), WANT)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("Exercise 3 (dC/dX): your code raised ValueError: matmul: ")
    line = learner_function.__code__.co_firstlineno + 1
    assert message.endswith(f"(at line {line}: `y = x @ np.ones((5, 2))  # x is (4, 3): a crash "
                            f"in the learner's own line`)"), message


def test_a_stub_says_not_implemented_with_its_hint():
    def stub():
        raise NotImplementedError("Hint: start from the cost.")
    with pytest.raises(ExerciseError, match=r"^Exercise 1 \(f\): not implemented yet\. Hint: start from the cost\.$"):
        check_answer("Exercise 1 (f)", stub, WANT)


def test_crash_verdict_without_message():
    try:
        {}["W"]
    except KeyError as e:
        assert crash_verdict(e).startswith("your code raised KeyError: 'W'")


def mixing(x):
    """Not separable: every entry's derivative depends on the others."""
    return float(np.sum(np.sin(x)) * np.sum(x ** 2) + np.prod(np.cos(x)))


CASES = [(mixing, rng.standard_normal((2, 3)), h) for h in (1e-1, 3e-2, 1e-3)]


def never_restores(f, x, h=1e-6):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        g[i] = (up - f(x)) / (2 * h)
    return g


def ignores_h(f, x, h=1e-6):
    return central(f, x)


def test_check_function_passes_the_reference(capsys):
    check_function("Exercise 2 (numerical_grad)", central, central, CASES)
    assert capsys.readouterr().out.startswith("Correct: Exercise 2 (numerical_grad) (3 cases")


@pytest.mark.parametrize("wrong, verdict", [
    (never_restores, "your function changed its argument number 2"),
    (ignores_h, "(case 1 of 3)"),
])
def test_check_function_rejects_shortcuts(wrong, verdict):
    with pytest.raises(ExerciseError) as raised:
        check_function("Exercise 2 (numerical_grad)", wrong, central, CASES)
    assert verdict in str(raised.value)


def test_check_function_names_a_matching_mistake():
    with pytest.raises(ExerciseError, match="it matches a likely mistake: ignoring h"):
        check_function("Exercise 2 (numerical_grad)", ignores_h, central, CASES,
                       mistakes={"ignoring h": ignores_h})


# Functions that return several arrays: ``want`` names the parts, in the order returned.

PARTS = {"dW": WANT, "db": WANT.sum(axis=0)}


def verdict_of(got, want=PARTS, **kwargs):
    with pytest.raises(ExerciseError) as raised:
        check_answer("Exercise 4 (layer_grads)", got, want, batch_size=B, **kwargs)
    return str(raised.value).removeprefix("Exercise 4 (layer_grads): ")


def test_several_parts_pass_as_a_tuple_or_a_dict(capsys):
    check_answer("Exercise 4 (layer_grads)", (WANT, WANT.sum(axis=0)), PARTS)
    check_answer("Exercise 4 (layer_grads)", {"db": WANT.sum(axis=0), "dW": WANT}, PARTS)
    assert capsys.readouterr().out.count("Correct: Exercise 4 (layer_grads)") == 2


@pytest.mark.parametrize("got, verdict", [
    (WANT, "return 2 values, (dW, db); got one ndarray"),
    (None, "the answer is None: did the function forget to `return` its 2 values (dW, db)?"),
    ((WANT,), "return 2 values, (dW, db); got 1"),
    ((WANT.sum(axis=0), WANT), "the values are returned in the wrong order: return (dW, db), not (db, dW)"),
    ({"dW": WANT}, "the dict should have the keys ['dW', 'db']; missing ['db']"),
    ({"dW": WANT, "db": WANT.sum(axis=0), "dx": WANT}, "the dict should have the keys ['dW', 'db']; unexpected ['dx']"),
    ((WANT, None), "db: the answer is None: did the function forget to `return` its result?"),
    ((WANT, WANT), "db: wrong shape: got (4, 3), expected (3,); it is right for each example but not "
                   "summed over the batch (axis 0); dW right"),
    ((WANT / B, WANT.sum(axis=0) / B), "dW (and db): off by a constant factor: the answer is 1/B (B = 4, "
                                       "the batch size) times the right one"),
])
def test_each_part_is_checked_and_named(got, verdict):
    assert verdict_of(got) == verdict


def test_a_mistake_names_the_parts_it_changes_and_the_others_must_be_right():
    mistakes = {"db as a mean over the batch": {"db": WANT.mean(axis=0)}}
    assert verdict_of((WANT, WANT.mean(axis=0)), mistakes=mistakes) == \
        "it matches a likely mistake: db as a mean over the batch"
    # the same db with a wrong dW is not that mistake alone
    assert verdict_of((-WANT, WANT.mean(axis=0)), mistakes=mistakes).startswith("dW (and db): ")
