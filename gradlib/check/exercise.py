"""The learners' self-check: one verdict per exercise, naming the likely mistake.

Every exercise is followed by a self-check cell that calls ``check_answer`` (for an
array) or ``check_function`` (for a function, tried on several cases). It prints
``Correct: ...`` only when the answer agrees with the reference entry by entry, not
just in norm (as cs231n's checks do: a sign error in an entry of size 3e-7 next to
entries of size 2 moves the norm by less than 1e-6). Otherwise it raises an
``ExerciseError`` whose message is one line: the exercise, then the likely mistake.

The mistake is named, in this order, from

1. what the learner's code did: raised (the exception and the learner's line, never
   a traceback into gradlib), returned nothing, changed its input, or returned the
   wrong shape;
2. the exercise's own candidates, ``mistakes``: the wrong answers a learner is likely
   to give (f' of the output instead of the input, a missing bias, the wrong axis),
   each computed by the exercise and named in its words; and ``terms``, parts of the
   right answer that may be missing or counted twice;
3. the shapes of mistakes every exercise shares: the transpose, the sign, a factor
   of 2, 1/2, B or 1/B; a factor per example (row) or per unit (column); the same
   error in every row; a few wrong entries.

No other factor is ever reported as a number: "0.9496 times the right one" names
nothing a learner wrote. Such an answer gets "a chain-rule factor is missing or wrong".
"""
import copy
import traceback
from pathlib import Path

import numpy as np

from .numeric import TOL, rel_error

SELF_CHECKS = ("check_answer", "check_function")  # a cell calling one of these is a self-check
MATCHES = "it matches a likely mistake: "  # then the description the exercise gives
ENTRY_FLOOR = 1e-2  # an entry may be off by rtol * (|its value| + ENTRY_FLOOR * the largest |value|)
PACKAGE = Path(__file__).resolve().parents[1]
NUMPY = Path(np.__file__).resolve().parent


def is_self_check(cell):
    """A notebook code cell that calls one of the self-checks."""
    return cell.cell_type == "code" and any(f"{name}(" in cell.source for name in SELF_CHECKS)


class ExerciseError(AssertionError):
    """Raised by a self-check: the message is the verdict, one line."""

    def _render_traceback_(self):
        """In Jupyter, show the verdict alone, not the checker's own lines."""
        return [f"ExerciseError: {self}"]


def agrees(got, want, rtol=TOL):
    """True when ``got`` has ``want``'s shape and matches it in norm and entry by entry."""
    if got.shape != want.shape:
        return False
    if rel_error(got, want) > rtol:
        return False
    scale = float(np.max(np.abs(want))) if want.size else 0.0
    return bool(np.all(np.abs(got - want) <= rtol * (np.abs(want) + ENTRY_FLOOR * scale)))


def _as_array(value):
    """``value`` as a float64 array, or a sentence saying why it is not one."""
    if value is None:
        return None, "the answer is None: did the function forget to `return` its result?"
    if isinstance(value, str):
        return None, "the answer is a str, not an array of numbers"
    if isinstance(value, (tuple, list)) and any(isinstance(v, np.ndarray) for v in value):
        return None, (f"the answer is a {type(value).__name__} of {len(value)} arrays, "
                      f"not one array: return only what the exercise asks for")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None, f"the answer is a {type(value).__name__}, not an array of numbers"
    if not np.all(np.isfinite(array)):
        return None, "the answer contains NaN or inf (an overflow, or log/division by zero?)"
    return array, None


def _candidates(want, mistakes, terms):
    """(description, wrong answer) for the exercise's mistakes, then for its terms."""
    for description, wrong in (mistakes or {}).items():
        yield description, np.asarray(wrong, dtype=np.float64)
    for name, term in (terms or {}).items():
        term = np.asarray(term, dtype=np.float64)
        yield f"the term {name} is missing", want - term
        yield f"the term {name} is counted twice", want + term


def _simple_factor(c, batch_size):
    """The name of a factor a learner can make, or None: 2, 1/2, B, 1/B."""
    named = [(2.0, "2"), (0.5, "1/2")]
    if batch_size and batch_size > 1:
        named += [(float(batch_size), f"B (B = {batch_size}, the batch size)"),
                  (1.0 / batch_size, f"1/B (B = {batch_size}, the batch size)")]
    for value, label in named:
        if np.isclose(c, value, rtol=1e-6):
            return label
    return None


def _proportional(got, want, axis, rtol):
    """The factors f with got == f * want along ``axis`` (per row or column), or None."""
    ww = np.sum(want * want, axis=axis, keepdims=True)
    if np.any(ww == 0):
        return None
    factors = np.sum(got * want, axis=axis, keepdims=True) / ww
    return factors if agrees(got, factors * want, rtol) else None


def _shape_mistake(got, want, rtol):
    """A sentence for an answer of the wrong shape."""
    msg = f"wrong shape: got {got.shape}, expected {want.shape}"
    if got.ndim == 2 and got.shape == want.T.shape:
        return msg + ("; it is the transpose of the right answer" if agrees(got.T, want, rtol)
                      else "; the axes are swapped (a missing transpose?)")
    if got.ndim == want.ndim + 1 and got.shape[1:] == want.shape and agrees(got.sum(axis=0), want, rtol):
        return msg + "; it is right for each example but not summed over the batch (axis 0)"
    if got.size == want.size:
        return msg + "; same number of entries, so check how the result is reshaped or broadcast"
    if got.ndim < want.ndim:
        return msg + "; an axis is missing (summed or indexed away?)"
    if got.ndim > want.ndim:
        return msg + "; an extra axis (an outer product or broadcasting where a sum was meant?)"
    return msg


def diagnose(got, want, mistakes=None, terms=None, batch_size=None, rtol=TOL):
    """None if ``got`` agrees with ``want``; else one sentence naming the likely mistake.

    ``mistakes`` maps a description of a likely mistake ("f' of the output instead
    of the input") to the answer it gives; ``terms`` maps names to parts of the
    right answer that may be missing or doubled; ``batch_size`` is B, so that a
    factor of B or 1/B is named as such.
    """
    got, problem = _as_array(got)
    if problem:
        return problem
    want = np.asarray(want, dtype=np.float64)
    for description, wrong in _candidates(want, mistakes, terms):
        if wrong.shape == got.shape and agrees(got, wrong, rtol) and not agrees(got, want, rtol):
            return f"{MATCHES}{description}"
    if got.shape != want.shape:
        return _shape_mistake(got, want, rtol)
    if agrees(got, want, rtol):
        return None
    if got.ndim == 2 and got.shape[0] == got.shape[1] and agrees(got.T, want, rtol):
        return "transposed: the answer equals the transpose of the right one"
    if agrees(-got, want, rtol):
        return "sign flipped: the answer is -1 times the right one"
    if not np.any(got):
        return "the answer is zero everywhere, and the right one is not"
    whole = _proportional(got, want, axis=None, rtol=rtol)
    if whole is not None:
        factor = _simple_factor(whole.item(), batch_size)
        if factor:
            return f"off by a constant factor: the answer is {factor} times the right one"
        if want.size > 1:
            return ("the answer is the right one times a constant that is not -1, 2, 1/2, B or 1/B: "
                    "a factor (of the chain rule, or a step size) is missing or wrong")
    if want.size == 1:
        return f"got {got.item():.6g}, expected {want.item():.6g}"
    if got.ndim == 2 and min(got.shape) > 1:
        if _proportional(got, want, axis=1, rtol=rtol) is not None:
            return ("each row is off by its own factor: a factor that depends on the example "
                    "is missing or wrong")
        if _proportional(got, want, axis=0, rtol=rtol) is not None:
            return ("each column is off by its own factor: a factor that depends on the unit "
                    "(an f', or the layer it is taken at?) is missing or wrong")
        offset = got - want
        if agrees(offset, np.broadcast_to(offset[:1], offset.shape), rtol):
            return ("every row is off by the same amount: a term shared by all examples "
                    "(a bias?) is missing or extra")
    if agrees(np.abs(got), np.abs(want), rtol):
        flipped = int(np.sum(np.sign(got) != np.sign(want)))
        return f"{flipped} of {want.size} entries have the wrong sign"
    scale = float(np.max(np.abs(want)))
    wrong = np.abs(got - want) > TOL * (np.abs(want) + ENTRY_FLOOR * scale)
    if wrong.mean() <= 0.5:
        i = tuple(int(k) for k in np.argwhere(wrong)[0])
        return (f"{int(wrong.sum())} of {wrong.size} entries are wrong, the first at index {i}: "
                f"got {got[i]:.6g}, expected {want[i]:.6g}")
    return (f"the values differ from the right answer (relative error {rel_error(got, want):.1e}); "
            f"check each factor of the chain rule against the derivation")


def _learner_frame(error):
    """The innermost frame of the traceback outside gradlib and NumPy: the learner's line."""
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if not Path(f.filename).resolve().is_relative_to(PACKAGE)
              and not Path(f.filename).resolve().is_relative_to(NUMPY)]
    return frames[-1] if frames else None


def crash_verdict(error):
    """One line for an exception raised by the learner's code: what, and where."""
    message = " ".join(str(error).split())
    verdict = f"your code raised {type(error).__name__}" + (f": {message}" if message else "")
    frame = _learner_frame(error)
    if frame is not None and frame.line:
        verdict += f" (at line {frame.lineno}: `{frame.line.strip()}`)"
    return verdict


def run(name, compute):
    """Call ``compute()``; turn an unfinished stub or a crash into an ExerciseError."""
    try:
        return compute()
    except NotImplementedError as e:
        raise ExerciseError(f"{name}: not implemented yet. {e}") from None
    except Exception as e:  # the learner's code crashed: one line, never a traceback
        raise ExerciseError(f"{name}: {crash_verdict(e)}") from None


def check_answer(name, got, want, mistakes=None, terms=None, batch_size=None, rtol=TOL):
    """Self-check one answer: print "Correct: ...", or raise ExerciseError naming the mistake.

    ``name`` is how the exercise is shown, e.g. "Exercise 2 (numerical_grad)". ``got``
    is the learner's answer, or a function of no arguments that computes it (so that
    an unfinished exercise or a crash gets a one-line verdict).

    ``want`` is the right answer: an array, or, for a function that returns several
    arrays, a dict from their names to their values, in the order the function
    returns them (as a tuple, or as a dict with those keys). ``mistakes`` maps a
    description to the answer that mistake gives: an array, or for several arrays a
    dict of the ones it changes (the others are right). A mistake may also be a
    function of no arguments. ``terms`` and ``batch_size`` are as in ``diagnose``.
    """
    if callable(got):
        got = run(name, got)
    mistakes = {k: (v() if callable(v) else v) for k, v in (mistakes or {}).items()}
    if isinstance(want, dict):
        problem = _diagnose_parts(got, want, mistakes, batch_size, rtol)
        error = 0.0 if problem else max(rel_error(np.asarray(g, np.float64), w)
                                        for g, w in zip(_part_values(got), want.values()))
    else:
        problem = diagnose(got, want, mistakes=mistakes, terms=terms, batch_size=batch_size, rtol=rtol)
        error = 0.0 if problem else rel_error(np.asarray(got, np.float64), want)
    if problem is not None:
        raise ExerciseError(f"{name}: {problem}")
    print(f"Correct: {name} (relative error {error:.1e})")


def _part_values(got):
    return list(got.values()) if isinstance(got, dict) else list(got)


def _parts_problem(got, want):
    """A sentence if ``got`` does not hold one value per name of ``want``, else None."""
    names = list(want)
    listed = "(" + ", ".join(names) + ")"
    if isinstance(got, dict):
        missing = [k for k in names if k not in got]
        extra = [k for k in got if k not in want]
        if missing or extra:
            return (f"the dict should have the keys {names}; "
                    + (f"missing {missing}" if missing else f"unexpected {extra}"))
        return None
    if got is None:
        return f"the answer is None: did the function forget to `return` its {len(names)} values {listed}?"
    if not isinstance(got, (tuple, list)):
        return f"return {len(names)} values, {listed}; got one {type(got).__name__}"
    if len(got) != len(names):
        return f"return {len(names)} values, {listed}; got {len(got)}"
    return None


def _diagnose_parts(got, want, mistakes, batch_size, rtol):
    """None if every part of ``got`` agrees with ``want``; else one sentence."""
    problem = _parts_problem(got, want)
    if problem:
        return problem
    got = dict(got) if isinstance(got, dict) else dict(zip(want, got))
    arrays = {}
    for part, value in got.items():
        array, problem = _as_array(value)
        if problem:
            return f"{part}: {problem}"
        arrays[part] = array
    wrong = [p for p in want if not agrees(arrays[p], np.asarray(want[p], np.float64), rtol)]
    if not wrong:
        return None
    for description, changed in mistakes.items():
        answer = {**want, **changed}
        if all(agrees(arrays[p], np.asarray(answer[p], np.float64), rtol) for p in want):
            return f"{MATCHES}{description}"
    order = _permutation(arrays, want, rtol)
    if order:
        return f"the values are returned in the wrong order: return ({', '.join(want)}), not ({', '.join(order)})"
    first = wrong[0]
    right = [p for p in want if p not in wrong]
    where = f"{first}" + (f" (and {', '.join(wrong[1:])})" if len(wrong) > 1 else "")
    verdict = f"{where}: {diagnose(arrays[first], want[first], batch_size=batch_size, rtol=rtol)}"
    return verdict + (f"; {', '.join(right)} right" if right else "")


def _permutation(arrays, want, rtol):
    """The names in the order the learner returned them, if it is a reordering of ``want``."""
    names, order = list(want), []
    for part in names:
        match = [w for w in names if w not in order and np.shape(want[w]) == arrays[part].shape
                 and agrees(arrays[part], np.asarray(want[w], np.float64), rtol)]
        if not match:
            return None
        order.append(match[0])
    return order if order != names else None


def _changed_argument(before, after):
    """The position of the first array argument the call changed, or None."""
    for k, (a, b) in enumerate(zip(before, after)):
        if isinstance(a, np.ndarray) and not np.array_equal(a, b):
            return k
    return None


def check_function(name, function, reference, cases, mistakes=None, batch_size=None, rtol=TOL):
    """Self-check a function on several cases: print "Correct: ..." or raise ExerciseError.

    ``cases`` is a list of argument tuples, chosen so that every argument matters and
    no shortcut passes them all (non-separable functions, several values of each
    argument). On each case the learner's ``function`` must agree with ``reference``
    and leave its array arguments unchanged. ``mistakes`` maps descriptions to wrong
    implementations; the verdict names the one that gives the learner's answers.
    """
    worst = 0.0
    for k, args in enumerate(cases, start=1):
        given = copy.deepcopy(list(args))
        got = run(name, lambda: function(*given))
        changed = _changed_argument(args, given)
        if changed is not None:
            raise ExerciseError(f"{name}: your function changed its argument number {changed + 1} "
                                f"(case {k}); it must leave its inputs as they were")
        want = np.asarray(reference(*copy.deepcopy(list(args))), dtype=np.float64)
        problem = diagnose(got, want, batch_size=batch_size, rtol=rtol)
        if problem is not None:
            named = _function_mistake(function, cases, mistakes, rtol)
            raise ExerciseError(f"{name}: {named or problem} (case {k} of {len(cases)})")
        worst = max(worst, rel_error(np.asarray(got, np.float64), want))
    print(f"Correct: {name} ({len(cases)} cases, largest relative error {worst:.1e})")


def _answers(function, cases):
    """``function`` on every case: an array, or None where it raises or gives no finite array."""
    answers = []
    for args in cases:
        try:
            with np.errstate(all="ignore"):  # a mistake may divide by zero: no answer, no warning
                answer, problem = _as_array(function(*copy.deepcopy(list(args))))
        except Exception:  # no answer on this case
            answer, problem = None, "raised"
        answers.append(None if problem else answer)
    return answers


def _function_mistake(function, cases, mistakes, rtol):
    """The description of the mistake that gives the learner's answers, or None.

    A mistake matches when, on every case where it gives a finite answer, the
    learner's function gives the same.
    """
    if not mistakes:
        return None
    learner = _answers(function, cases)
    for description, wrong in mistakes.items():
        pairs = [(a, w) for a, w in zip(learner, _answers(wrong, cases)) if w is not None]
        if pairs and all(a is not None and agrees(a, w, rtol) for a, w in pairs):
            return f"{MATCHES}{description}"
    return None
