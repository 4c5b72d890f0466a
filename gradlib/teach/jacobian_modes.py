r"""The input Jacobian of a network two ways: reverse mode (one pass per output) and forward mode (one per input).

Chapter 3, section "What a Jacobian costs". Both return ``J: (B, K, n_0)`` with
:math:`J_{bmi} = \partial y_{bm} / \partial x_{bi}`. Reverse mode runs ``backward``
once per output unit ``m`` with the one-hot adjoint :math:`e_m` and gets row ``m``;
forward mode runs ``forward_tangent`` once per input unit ``i`` with the tangent
:math:`e_i` and gets column ``i``. So reverse mode costs ``K`` passes and forward
mode ``n_0``: the cheaper one is set by the shape of the Jacobian, not its values.
"""
import numpy as np

from .._validate import check_float_array
from ..activations import Identity, Tanh
from ..linear import Linear
from ..network import Sequential
from .timing import best_time


def _forward(net, X):
    X = check_float_array("jacobian mode", "X", X, ("B", "n0"))
    return X, net.forward(X)


def input_jacobian_reverse(net, X):
    """``J: (B, K, n_0)`` from ``K`` backward passes, one per output (a vector-Jacobian product each)."""
    X, Y = _forward(net, X)
    B, K = Y.shape
    J = np.zeros((B, K, X.shape[1]))
    for m in range(K):
        dy = np.zeros((B, K))
        dy[:, m] = 1.0
        J[:, m, :] = net.backward(dy)
    return J


def input_jacobian_forward(net, X):
    """``J: (B, K, n_0)`` from ``n_0`` tangent passes, one per input (a Jacobian-vector product each)."""
    X, Y = _forward(net, X)
    B, n0 = X.shape
    J = np.zeros((B, Y.shape[1], n0))
    for i in range(n0):
        x_dot = np.zeros((B, 1, n0))
        x_dot[:, 0, i] = 1.0
        _, y_dot = net.forward_tangent(X, x_dot)
        J[:, :, i] = y_dot[:, 0, :]
    return J


def mode_network(n0, K, width=64, rng=None):
    """The timed network: ``n0`` inputs, one tanh layer of ``width`` units, ``K`` linear outputs."""
    rng = np.random.default_rng(0) if rng is None else rng
    return Sequential(Linear(n0, width, rng), Tanh(), Linear(width, K, rng), Identity())


def time_modes(n0, outputs, width=64, batch=32, repeats=3):
    """Seconds for the input Jacobian of ``mode_network(n0, K)`` on a batch, for each ``K`` in ``outputs``.

    Returns ``(reverse, forward)``, two lists of times, measured in the same run.
    """
    X = np.random.default_rng(1).standard_normal((batch, n0))
    reverse, forward = [], []
    for K in outputs:
        net = mode_network(n0, K, width)
        reverse.append(best_time(lambda: input_jacobian_reverse(net, X), repeats))
        forward.append(best_time(lambda: input_jacobian_forward(net, X), repeats))
    return reverse, forward
