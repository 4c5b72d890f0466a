"""The learner-facing checker used by every exercise: it names the likely mistake."""
from fractions import Fraction

import numpy as np

from .numeric import TOL, rel_error


class ExerciseError(AssertionError):
    """Raised by a self-check: the message says what is wrong and what it looks like."""

    def _render_traceback_(self):
        """In Jupyter, show the verdict alone, not the checker's own lines."""
        return [f"ExerciseError: {self}"]


def _close(a, b, rtol):
    return a.shape == b.shape and rel_error(a, b) <= rtol


def _name_factor(c, batch_size):
    """Describe a constant factor: '2', '1/2', '1/N (N = 8)', or the number itself."""
    if batch_size:
        for value, label in ((batch_size, "N"), (1.0 / batch_size, "1/N")):
            if np.isclose(c, value, rtol=1e-6):
                return f"{label} (N = {batch_size}, the batch size)"
    frac = Fraction(float(c)).limit_denominator(16)
    if frac.numerator != 0 and np.isclose(float(frac), c, rtol=1e-6):
        return str(frac)
    return f"{c:.6g}"


def diagnose(got, want, terms=None, batch_size=None, rtol=TOL):
    """Return None if ``got`` matches ``want``, else a sentence naming the likely mistake.

    ``terms`` maps names to arrays that ``want`` is a sum of; a missing or doubled
    one is named. ``batch_size`` lets a factor of N or 1/N be named as such.
    """
    if got is None:
        return "the answer is None: did the function forget to `return` its result?"
    if isinstance(got, str):
        return "the answer is a str, not an array of numbers"
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"the answer is a {type(got).__name__}, not an array of numbers"
    want = np.asarray(want, dtype=np.float64)
    if not np.all(np.isfinite(got)):
        return "the answer contains NaN or inf (an overflow, or log/division by zero?)"
    if got.shape != want.shape:
        msg = f"wrong shape: got {got.shape}, expected {want.shape}"
        if got.ndim == 2 and got.shape == want.T.shape:
            msg += ("; it is the transpose of the right answer"
                    if _close(got.T, want, rtol) else "; the axes look swapped (transposed?)")
        elif got.size == want.size:
            msg += "; same number of entries, so check how the result is reshaped or broadcast"
        elif got.ndim < want.ndim:
            msg += "; an axis is missing (summed or indexed away?)"
        elif got.ndim > want.ndim:
            msg += "; an extra axis (an outer product or broadcasting where a sum was meant?)"
        return msg
    if _close(got, want, rtol):
        return None
    if got.ndim == 2 and got.shape[0] == got.shape[1] and _close(got.T, want, rtol):
        return "transposed: the answer equals the transpose of the right one"
    if _close(-got, want, rtol):
        return "sign flipped: the answer is -1 times the right one"
    ww = float(np.sum(want * want))
    if ww > 0:
        c = float(np.sum(got * want)) / ww
        if c != 0 and _close(got, c * want, rtol):
            return (f"off by a constant factor: the answer is {_name_factor(c, batch_size)} "
                    f"times the right one")
    for name, term in (terms or {}).items():
        term = np.asarray(term, dtype=np.float64)
        if _close(got, want - term, rtol):
            return f"missing term: the answer lacks the term {name}"
        if _close(got, want + term, rtol):
            return f"extra term: the answer counts the term {name} twice"
    wrong = ~np.isclose(got, want, rtol=1e-5, atol=1e-8 * max(1.0, float(np.abs(want).max())))
    if wrong.any() and wrong.mean() <= 0.5:
        i = tuple(int(k) for k in np.argwhere(wrong)[0])
        return (f"wrong entry at index {i}: got {got[i]:.6g}, expected {want[i]:.6g} "
                f"({int(wrong.sum())} of {wrong.size} entries wrong)")
    return f"the values differ from the right answer (relative error {rel_error(got, want):.2e})"


def check_answer(name, got, want, terms=None, batch_size=None, rtol=TOL):
    """Self-check for one exercise: print "Correct: ...", or raise ExerciseError naming the mistake.

    ``got`` is the learner's array, or a zero-argument function that computes it
    (so an unfinished exercise is reported with its hint instead of crashing).
    """
    if callable(got):
        try:
            got = got()
        except NotImplementedError as e:
            raise ExerciseError(f"{name}: not implemented yet. {e}") from None
    problem = diagnose(got, want, terms=terms, batch_size=batch_size, rtol=rtol)
    if problem is not None:
        raise ExerciseError(f"{name}: {problem}")
    print(f"Correct: {name} (relative error {rel_error(got, want):.1e})")
