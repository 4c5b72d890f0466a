"""Backpropagation one weight at a time: the scalar loops of Jhunjunwala's note, index by index.

Derived in Chapter 1 (Backpropagation one weight at a time). One example at a
time, as column vectors ``u^l = W^l a^{l-1} + b^l`` (the note writes u for the
book's z). Every sum and every product is an explicit Python loop over unit
indices, exactly as eqs. (1.1), (1.2), (1.3) and (1.4) of the chapter state
them; only f_l and f_l' are evaluated on a whole layer at once, since they act
on each entry separately anyway.
It is slow on purpose: Chapter 1 times it against the matrix form.
"""
import numpy as np

from .._validate import check_float_array
from .dense import dense_layers


def forward_example(layers, x):
    """Forward pass of one example ``x: (n_0,)``; returns ``u = [u^1..u^L]`` and ``a = [a^0..a^L]``.

    ``u^l_i = sum_j W^l_ij a^{l-1}_j + b^l_i`` and ``a^l_i = f_l(u^l_i)``, Chapter 1, eq. (1.1).
    """
    u, a = [], [x]
    for W, b, f in layers:
        n_out, n_in = W.shape
        u_l = np.zeros(n_out)
        for i in range(n_out):
            total = b[i]
            for j in range(n_in):
                total += W[i, j] * a[-1][j]
            u_l[i] = total
        u.append(u_l)
        a.append(f.f(u_l))
    return u, a


def backward_example(layers, u, a, dC_daL):
    """Backward pass of one example, from ``dC_daL = dC/da^L: (n_L,)``.

    Returns ``grads = [{"W": dC/dW^l, "b": dC/db^l}, ...]`` (layer order) and ``dC/da^0``.
    For l = L down to 1, with ``u``, ``a`` from ``forward_example``:

    - ``dC/db^l_i = dC/da^l_i f_l'(u^l_i)``, eq. (1.2);
    - ``dC/dW^l_ij = dC/db^l_i a^{l-1}_j``, eq. (1.3);
    - ``dC/da^{l-1}_j = sum_i dC/db^l_i W^l_ij``, eq. (1.4).
    """
    grads = [None] * len(layers)
    dC_da = dC_daL
    for l in reversed(range(len(layers))):  # Python's l is the book's layer l + 1
        W, _, f = layers[l]
        n_out, n_in = W.shape
        df = f.df(u[l])
        dC_db, dC_dW, dC_da_prev = np.zeros(n_out), np.zeros((n_out, n_in)), np.zeros(n_in)
        for i in range(n_out):
            dC_db[i] = dC_da[i] * df[i]
            for j in range(n_in):
                dC_dW[i, j] = dC_db[i] * a[l][j]
                dC_da_prev[j] += dC_db[i] * W[i, j]
        grads[l] = {"W": dC_dW, "b": dC_db}
        dC_da = dC_da_prev
    return grads, dC_da


def backprop_loop(net, loss, X, target):
    """Cost and gradients of ``C = loss(net(X), target)``, one example and one index at a time.

    ``X: (B, n_0)``; ``loss`` is any gradlib loss, which supplies dC/da^L for each example
    (the note leaves it to the cost). The note treats one example; for a batch, each
    example's gradients are added up, since C is a sum (or mean) over the examples.
    Returns ``(C, grads, dC/dX)`` with ``grads`` as in ``backward_example``.
    """
    layers = dense_layers(net)
    X = check_float_array("backprop_loop", "X", X, (None, layers[0][0].shape[1]))
    runs = [forward_example(layers, x) for x in X]
    C = loss.forward(np.array([a[-1] for _, a in runs]), target)
    dC_dAL = loss.backward()
    grads = [{"W": np.zeros_like(W), "b": np.zeros_like(b)} for W, b, _ in layers]
    dC_dX = np.zeros_like(X)
    for n, ((u, a), dC_daL) in enumerate(zip(runs, dC_dAL)):
        example_grads, dC_dX[n] = backward_example(layers, u, a, dC_daL)
        for total, g in zip(grads, example_grads):
            total["W"] += g["W"]
            total["b"] += g["b"]
    return C, grads, dC_dX
