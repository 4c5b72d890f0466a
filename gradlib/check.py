"""Gradient checking: central differences for authors, a diagnosing checker for learners.

Derived and explained in Chapter 0 (Checking gradients): the central difference
(f(x + h) - f(x - h)) / 2h has error O(h^2) from truncation and O(eps / h) from
round-off, so in float64 a step near 1e-5 to 1e-6 gives about 10 significant digits.
"""
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .layer import Layer

TOL = 1e-6


def rel_error(a, b):
    """||a - b|| / (||a|| + ||b||), 0 when both are zero. Chapter 0, eq. (rel-error)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    den = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if den == 0 else float(np.linalg.norm(a - b) / den)


def numerical_grad(f, x, h=1e-6, scheme="central", dtype=np.float64):
    """Finite-difference gradient of a scalar function ``f`` at ``x`` (any shape).

    ``scheme="central"``: each entry is (f(x + h e_i) - f(x - h e_i)) / 2h, error O(h^2).
    ``scheme="forward"``: each entry is (f(x + h e_i) - f(x)) / h, error O(h).
    ``x`` is copied to ``dtype`` (float32 shows round-off, Chapter 0) and not modified.
    """
    if scheme not in ("central", "forward"):
        raise ValueError(f"numerical_grad: scheme must be 'central' or 'forward', got {scheme!r}")
    x = np.array(x, dtype=dtype)
    g = np.zeros_like(x)
    f_x = f(x) if scheme == "forward" else None
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        if scheme == "forward":
            g[i] = (f_plus - f_x) / h
        else:
            x[i] = old - h
            g[i] = (f_plus - f(x)) / (2 * h)
        x[i] = old
    return g


@dataclass
class GradCheck:
    """One comparison of an analytic gradient with central differences."""

    name: str
    analytic: np.ndarray
    numeric: np.ndarray
    tol: float = TOL

    @property
    def rel_error(self):
        if self.analytic.shape != self.numeric.shape:
            return float("inf")
        return rel_error(self.analytic, self.numeric)

    @property
    def passed(self):
        return self.rel_error <= self.tol

    def __str__(self):
        if self.analytic.shape != self.numeric.shape:
            return (f"FAIL {self.name}: analytic shape {self.analytic.shape}, "
                    f"numeric shape {self.numeric.shape}")
        line = f"{'ok  ' if self.passed else 'FAIL'} {self.name}: relative error {self.rel_error:.1e}"
        if not self.passed:
            i = np.unravel_index(np.argmax(np.abs(self.analytic - self.numeric)), self.numeric.shape)
            line += (f" > {self.tol:.0e}; worst entry {tuple(map(int, i))}: analytic "
                     f"{self.analytic[i]:.6g}, numeric {self.numeric[i]:.6g}")
        return line


class GradReport(list):
    """A list of GradCheck results that prints one line each."""

    @property
    def passed(self):
        return all(c.passed for c in self)

    @property
    def max_rel_error(self):
        return max(c.rel_error for c in self)

    def __str__(self):
        return "\n".join(map(str, self))

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


def check_grad(f, grad, x, h=1e-6, tol=TOL, name="grad"):
    """Compare ``grad(x)`` with central differences of the scalar function ``f`` at ``x``."""
    analytic = np.asarray(grad(np.array(x, dtype=np.float64)), dtype=np.float64)
    return GradReport([GradCheck(name, analytic, numerical_grad(f, x, h), tol)])


def check_grads(f, x, derivs, h=1e-6, tol=TOL):
    """Check a chain of elementwise derivatives, like autograd's ``check_grads(order=k)``.

    ``derivs = [df]`` checks f' against differences of f; ``[df, d2f]`` (order 2)
    also checks f'' against differences of f'. Each function maps an array to
    an array of the same shape, elementwise.
    """
    x = np.array(x, dtype=np.float64)
    report, funcs = GradReport(), [f, *derivs]
    for k in range(1, len(funcs)):
        numeric = (funcs[k - 1](x + h) - funcs[k - 1](x - h)) / (2.0 * h)
        report.append(GradCheck(f"order {k} derivative", funcs[k](x), numeric, tol))
    return report


def check_layer(layer, x, rng=None, h=1e-6, tol=TOL):
    """Check ``layer.backward`` for the input and every parameter.

    Uses the scalar C = sum(dy * layer.forward(x)) with a random ``dy`` of the
    output's shape, so backward(dy) must return dC/dx and fill dC/dparams.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    dy = rng.standard_normal(layer.forward(x).shape)
    dx = layer.backward(dy)
    grads = {k: g.copy() for k, g in _all_grads(layer).items()}

    def C_of_x(x_):
        return float(np.sum(dy * layer.forward(x_)))

    report = GradReport([GradCheck(f"{layer} dC/dx", dx, numerical_grad(C_of_x, x, h), tol)])
    for key, p in _all_params(layer).items():
        report.append(GradCheck(f"{key}", grads[key], _param_grad(p, lambda: C_of_x(x), h), tol))
    return report


def check_loss(net, loss, x, target, penalty=None, h=1e-6, tol=TOL):
    """Check every parameter gradient of C = loss(net(x), target) [+ penalty(net)]."""
    def C():
        value = loss.forward(net.forward(x), target)
        return value + (penalty.forward(net) if penalty is not None else 0.0)

    C()
    net.backward(loss.backward())
    if penalty is not None:
        penalty.backward(net)
    grads = {k: g.copy() for k, g in _all_grads(net).items()}
    return GradReport(GradCheck(key, grads[key], _param_grad(p, C, h), tol)
                      for key, p in _all_params(net).items())


def _layers(layer):
    return layer.layers if hasattr(layer, "layers") else [layer]


def _all_params(layer):
    return {f"[{i}] {l} d{n}": l.params[n] for i, l in enumerate(_layers(layer)) for n in l.params}


def _all_grads(layer):
    return {f"[{i}] {l} d{n}": l.grads[n] for i, l in enumerate(_layers(layer)) for n in l.params}


def _param_grad(p, C, h):
    """Central differences of C() with respect to the parameter array ``p``.

    C reads ``p`` where the layer keeps it, so each trial value is written into
    ``p`` in place; ``p`` holds its original values again afterwards.
    """
    original = p.copy()

    def C_at(value):
        p[...] = value
        return C()

    try:
        return numerical_grad(C_at, original, h)
    finally:
        p[...] = original


# --------------------------------------------------------------------------------------
# The learner-facing checker used by every exercise.


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
