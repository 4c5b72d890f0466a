r"""Elementwise activations :math:`y = f(x)`, each with ``f``, ``df`` = :math:`f'` and ``d2f`` = :math:`f''`.

Backward of every activation is the same formula, :math:`\bar x = \bar y \odot f'(x)`
(Chapter 0, eq. (0.4)); a subclass only supplies :math:`f, f', f''`.
The second derivative serves double backprop (``backward_tangent``).
"""
import numpy as np

from ._validate import check_float_array
from .layer import Layer


class Activation(Layer):
    """Apply ``f`` elementwise. Shapes: ``x: (B, n)`` -> ``y: (B, n)``; no parameters."""

    @staticmethod
    def f(z):
        raise NotImplementedError

    @staticmethod
    def df(z):
        raise NotImplementedError

    @staticmethod
    def d2f(z):
        raise NotImplementedError

    def forward(self, x):
        x = check_float_array(f"{self}.forward", "x", x, ("B", "n"))
        y = self.f(x)
        self.cache = {"x": x, "y": y}
        return y

    def backward(self, dy):
        """``dy: (B, n)`` -> ``dx = dy * f'(x)``, shape ``(B, n)``."""
        dy = self._check_dy(dy)
        return dy * self.df(self.cache["x"])

    def forward_tangent(self, x, x_dot):
        r"""``y = f(x)`` and :math:`\dot y_{bzi} = f'(x_{bi}) \dot x_{bzi}`."""
        x, x_dot = self._start_tangent(x, x_dot)
        y = self.forward(x)
        y_dot = self.df(x)[:, None, :] * x_dot
        self.cache.update(x_dot=x_dot, y_dot=y_dot)
        return y, y_dot

    def backward_tangent(self, dy, dy_dot):
        r"""Double backprop through :math:`y = f(x)` and :math:`\dot y = f'(x) \odot \dot x`.

        .. math:: \bar x_{bi} = \bar y_{bi} f'(x_{bi})
           + f''(x_{bi}) \sum_z \bar{\dot y}_{bzi} \dot x_{bzi},
           \qquad \bar{\dot x}_{bzi} = \bar{\dot y}_{bzi} f'(x_{bi}),

        the second term being the path through :math:`f'(x)` in :math:`\dot y`.
        """
        dy, dy_dot = self._check_tangent_adjoints(dy, dy_dot)
        x, x_dot = self.cache["x"], self.cache["x_dot"]
        dx = dy * self.df(x) + np.sum(dy_dot * x_dot, axis=1) * self.d2f(x)
        return dx, dy_dot * self.df(x)[:, None, :]


class Identity(Activation):
    r""":math:`f(z) = z`."""

    @staticmethod
    def f(z):
        return z.copy()

    @staticmethod
    def df(z):
        return np.ones_like(z)

    @staticmethod
    def d2f(z):
        return np.zeros_like(z)


class Sigmoid(Activation):
    r""":math:`f(z) = 1 / (1 + e^{-z})`, :math:`f' = f (1 - f)`, :math:`f'' = f' (1 - 2 f)`.

    Evaluated without overflow for any finite z: ``exp(-abs(z))`` never exceeds 1.
    """

    @staticmethod
    def f(z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    @staticmethod
    def df(z):
        s = Sigmoid.f(z)
        return s * (1.0 - s)

    @staticmethod
    def d2f(z):
        s = Sigmoid.f(z)
        return s * (1.0 - s) * (1.0 - 2.0 * s)


class Tanh(Activation):
    r""":math:`f(z) = \tanh z`, :math:`f' = 1 - f^2`, :math:`f'' = -2 f (1 - f^2)`."""

    @staticmethod
    def f(z):
        return np.tanh(z)

    @staticmethod
    def df(z):
        return 1.0 - np.tanh(z) ** 2

    @staticmethod
    def d2f(z):
        t = np.tanh(z)
        return -2.0 * t * (1.0 - t ** 2)


class ReLU(Activation):
    r""":math:`f(z) = \max(z, 0)`, :math:`f' = \mathbb 1[z > 0]` (so :math:`f'(0) = 0`), :math:`f'' = 0` away from 0."""

    @staticmethod
    def f(z):
        return np.maximum(z, 0.0)

    @staticmethod
    def df(z):
        return (z > 0).astype(np.float64)

    @staticmethod
    def d2f(z):
        return np.zeros_like(z)


class Softsign(Activation):
    r"""Softsign: :math:`f(z) = z / (1 + |z|)`, :math:`f' = 1 / (1 + |z|)^2`,
    :math:`f'' = -2 \operatorname{sign}(z) / (1 + |z|)^3`.

    Audited in the chapter on Vijay's note, which states the two branches.
    """

    @staticmethod
    def f(z):
        return z / (1.0 + np.abs(z))

    @staticmethod
    def df(z):
        return 1.0 / (1.0 + np.abs(z)) ** 2

    @staticmethod
    def d2f(z):
        return -2.0 * np.sign(z) / (1.0 + np.abs(z)) ** 3
