r"""Ukkonen's general gradient: the Jacobian of a network's outputs, entry by entry.

Derived in Chapter 3 (The Jacobian of a network's outputs). One example at a time,
as column vectors in the note's convention: :math:`v^{(k)} = W^{(k)} a^{(k-1)} + b^{(k)}`,
:math:`a^{(k)} = f_k(v^{(k)})`, :math:`a^{(0)} = x`, :math:`y = a^{(L)}`. The local
gradient matrix :math:`\delta^{(k)} = \partial y / \partial v^{(k)}` has shape
``(K, n_k)``; each parameter's derivative is one column of it times one input
(Chapter 3, eqs. (3.6) and (3.7)). The loops over ``j`` and ``i`` are explicit on
purpose: gradlib's ``jacobian`` computes the same numbers with one backward
pass per output, for the whole batch.
"""
import numpy as np

from .._validate import check_float_array
from .dense import dense_layers


def local_fields(layers, x):
    """Forward pass of one example ``x: (n_0,)``: ``v = [v^(1)..v^(L)]`` and ``a = [a^(0)..a^(L)]``."""
    v, a = [], [x]
    for W, b, f in layers:
        v.append(W @ a[-1] + b)
        a.append(f.f(v[-1]))
    return v, a


def delta_matrices(layers, v):
    r"""``[delta^(1), ..., delta^(L)]``, ``delta^(k): (K, n_k)``, by Chapter 3, eq. (3.6).

    :math:`\delta^{(L)} = \operatorname{diag} f_L'(v^{(L)})` and
    :math:`\delta^{(k-1)} = \delta^{(k)} W^{(k)} \operatorname{diag} f_{k-1}'(v^{(k-1)})`:
    the derivative of layer ``k-1``'s own activation, and ``W`` not transposed.
    """
    deltas = [np.diag(layers[-1][2].df(v[-1]))]
    for k in range(len(layers) - 1, 0, -1):   # Python's k is the note's layer k + 1
        W = layers[k][0]
        f_prev = layers[k - 1][2]
        deltas.insert(0, deltas[0] @ W @ np.diag(f_prev.df(v[k - 1])))
    return deltas


def entry_jacobian(net, x):
    r"""The Jacobian of ``y = net(x)`` for one example ``x: (n_0,)``, one parameter entry at a time.

    Returns ``(J_params, J_x)``: ``J_params[key]`` has shape ``(K, *shape)`` with the
    keys of ``net.named_parameters()``, and ``J_x = delta^(1) W^(1)`` has shape ``(K, n_0)``.
    Column ``(j, i)`` of weight ``W^(k)`` is :math:`\delta^{(k)} e_j \, a^{(k-1)}_i` and bias
    ``j`` is :math:`\delta^{(k)} e_j` (Chapter 3, eq. (3.7); Ukkonen's last two formulas,
    with :math:`g_i` read as the layer's input :math:`a^{(k-1)}_i`).
    """
    layers = dense_layers(net)
    x = check_float_array("entry_jacobian", "x", x, (layers[0][0].shape[1],))
    v, a = local_fields(layers, x)
    deltas = delta_matrices(layers, v)
    keys = [key for key, _, _ in net.named_parameters()]
    J_params = {}
    for k, ((W, b, _), delta) in enumerate(zip(layers, deltas)):
        n_out, n_in = W.shape
        J_W, J_b = np.zeros((delta.shape[0], n_out, n_in)), np.zeros((delta.shape[0], n_out))
        for j in range(n_out):
            e_j = np.zeros(n_out)
            e_j[j] = 1.0                            # the note's (0, ..., 1, ..., 0)^T
            J_b[:, j] = delta @ e_j
            for i in range(n_in):
                J_W[:, j, i] = delta @ (e_j * a[k][i])  # the note's (0, ..., g_i, ..., 0)^T
        J_params[keys[2 * k]], J_params[keys[2 * k + 1]] = J_W, J_b
    return J_params, deltas[0] @ layers[0][0]


def batch_entry_jacobian(net, X):
    """``entry_jacobian`` for each row of ``X: (B, n_0)``, stacked as ``gradlib.jacobian`` returns it.

    ``(J_params, J_x)`` with ``J_params[key]: (B, K, *shape)`` and ``J_x: (B, K, n_0)``.
    """
    layers = dense_layers(net)
    X = check_float_array("batch_entry_jacobian", "X", X, ("B", layers[0][0].shape[1]))
    runs = [entry_jacobian(net, x) for x in X]
    J_params = {key: np.stack([r[0][key] for r in runs]) for key in runs[0][0]}
    return J_params, np.stack([r[1] for r in runs])
