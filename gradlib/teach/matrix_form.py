"""The same gradients as ``index_form``, for a whole batch at once, in matrix form.

Derived in Chapter 1 (Backpropagation one weight at a time): one matrix product
per layer and step replaces the loops over units and over examples.
``backprop_matrix`` writes the formulas out in NumPy; ``backprop_layers`` runs
gradlib's layers, whose ``backward`` methods hold the same formulas.
Both return ``(C, grads, dC/dX)`` like ``index_form.backprop_loop``.
"""
from .._validate import check_float_array
from .dense import dense_layers


def backprop_matrix(net, loss, X, target):
    r"""Batch-first backprop in NumPy, Chapter 1, eq. (1.6).

    Forward: :math:`Z^l = A^{l-1} (W^l)^T + \mathbf 1 (b^l)^T`, :math:`A^l = f_l(Z^l)`. Backward:
    :math:`\bar Z^l = \bar A^l \odot f_l'(Z^l)`, :math:`\bar W^l = (\bar Z^l)^T A^{l-1}`,
    :math:`\bar b^l = (\bar Z^l)^T \mathbf 1`, :math:`\bar A^{l-1} = \bar Z^l W^l`. ``X: (B, n_0)``.
    """
    layers = dense_layers(net)
    X = check_float_array("backprop_matrix", "X", X, (None, layers[0][0].shape[1]))
    A, Z = [X], []
    for W, b, f in layers:
        Z.append(A[-1] @ W.T + b)
        A.append(f.f(Z[-1]))
    C = loss.forward(A[-1], target)
    A_bar = loss.backward()
    grads = [None] * len(layers)
    for l in reversed(range(len(layers))):
        W, _, f = layers[l]
        Z_bar = A_bar * f.df(Z[l])
        grads[l] = {"W": Z_bar.T @ A[l], "b": Z_bar.sum(axis=0)}
        A_bar = Z_bar @ W
    return C, grads, A_bar


def backprop_layers(net, loss, X, target):
    """The same through gradlib's layers: ``net.backward(loss.backward())``."""
    dense_layers(net)  # accept the same networks as the other two forms
    C = loss.forward(net.forward(X), target)
    dC_dX = net.backward(loss.backward())
    return C, [dict(linear.grads) for linear in net.layers[::2]], dC_dX
