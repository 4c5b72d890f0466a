r"""Per-example gradients, their sums of squares, and per-example Jacobians of a network.

A batch cost is a sum over examples, :math:`C = \sum_b C_b`, and ``backward`` returns
only the sum. Each layer keeps its input ``x`` and the adjoint ``dy`` that
reached it, so each example's share is one outer product per weight matrix,
for the whole batch at once (no loop over examples). ``net`` is any layer,
usually a Sequential; keys are those of ``net.named_parameters()``.
"""
import numpy as np


def per_example_grads(net, dy):
    r"""``{key: (B, *shape)}``: the gradient of each example's cost :math:`C_b`, called after ``net.forward(x)``.

    Row ``b`` of ``dy: (B, K)`` is :math:`\partial C_b / \partial y_b`. Runs ``net.backward(dy)`` (which sets
    ``grads`` to the batch sum), so summed over ``b`` the result equals ``grads``.
    """
    net.backward(dy)
    return net.per_example_grads()


def sum_grad_squared(net, dy):
    r"""``{key: shape}``: :math:`\sum_b (\partial C_b / \partial \theta)^2`, entrywise.

    Called after ``net.forward(x)``, with ``dy`` as in ``per_example_grads``. Each
    layer takes its own route: ``Linear`` the one-matmul shortcut :math:`(\bar Y^{\circ 2})^T X^{\circ 2}`,
    which is exact because its per-example gradient is one outer product; a layer
    whose weights are shared (over time, in a recurrent cell) sums several outer
    products per example, so it squares ``per_example_grads`` instead.
    """
    net.backward(dy)
    return net.sum_grad_squared()


def jacobian(net, x):
    r"""Per-example Jacobians of ``y = net.forward(x)``: ``(J_params, J_x)``.

    ``x: (B, n0)``, ``y: (B, K)``. :math:`J^x_{bki} = \partial y_{bk} / \partial x_{bi}`, shape
    ``(B, K, n0)``; :math:`J^\theta_{bk} = \partial y_{bk} / \partial \theta` for example ``b``
    alone, shape ``(B, K, *shape)``. One backward per output unit ``k``, with
    ``dy`` the one-hot column ``k`` for every example; the per-example gradients
    of that pass (not the batch sum in ``grads``) are row ``k`` of each Jacobian.
    Leaves ``grads`` as set by the last of these passes.
    """
    y = net.forward(x)
    if y.ndim != 2:
        raise ValueError(f"jacobian: {net!r} must return (B, K), got shape {y.shape}")
    B, K = y.shape
    J_x, J_params = np.zeros((B, K) + np.shape(x)[1:]), {}
    for k in range(K):
        dy = np.zeros_like(y)
        dy[:, k] = 1.0
        J_x[:, k] = net.backward(dy)
        for key, g in net.per_example_grads().items():
            J_params.setdefault(key, np.zeros((B, K) + g.shape[1:]))[:, k] = g
    return J_params, J_x
