r"""Central differences and the report every checker prints: one line per quantity.

Derived and explained in Chapter 0 (Checking gradients): the central difference
:math:`(f(x + h) - f(x - h)) / 2h` (Chapter 0, eq. (0.6)) has error :math:`O(h^2)` from
truncation and :math:`O(\varepsilon / h)` from round-off, so in float64 a step near
:math:`10^{-5}` to :math:`10^{-6}` gives about 10 significant digits.
"""
from dataclasses import dataclass

import numpy as np

TOL = 1e-6


def rel_error(a, b):
    r""":math:`\lVert a - b \rVert / (\lVert a \rVert + \lVert b \rVert)`, 0 when both are zero. Chapter 0, eq. (0.7)."""
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


def numerical_jvp(f, x, v, h=1e-6):
    r"""Central difference of an array-valued ``f`` at ``x`` along the direction ``v``.

    :math:`(f(x + h v) - f(x - h v)) / 2h`, the directional derivative, shape of ``f(x)``.
    """
    return (f(x + h * v) - f(x - h * v)) / (2.0 * h)


def numerical_jacobian(f, x, h=1e-6):
    """Central differences of an array-valued ``f``: shape ``f(x).shape + x.shape``.

    Entry ``[..., i]`` is the derivative of ``f(x)[...]`` with respect to ``x[i]``: one
    ``numerical_jvp`` along each unit vector. A scalar ``f`` gives its gradient.
    """
    x = np.array(x, dtype=np.float64)
    units = np.eye(x.size).reshape((x.size,) + x.shape)
    columns = np.array([numerical_jvp(f, x, e, h) for e in units])
    return np.moveaxis(columns, 0, -1).reshape(columns.shape[1:] + x.shape)


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


def check_derivatives(f, x, derivs, h=1e-6, tol=TOL):
    """Check an elementwise function's f', f'', ... , like autograd's ``check_grads(order=k)``.

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
