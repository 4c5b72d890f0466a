r"""A sigmoid network with squared error, and what saturation does to its gradients.

Derived in Chapter 4, Part A (Moraes' note): every layer applies the sigmoid, whose
derivative :math:`\sigma'(z) = \sigma(z) (1 - \sigma(z))` is at most 1/4 and falls like
:math:`e^{-|z|}`. A weight's gradient carries one :math:`\sigma'` factor for each layer
between it and the cost (Chapter 4, eq. (4.3)), so it collapses when the
pre-activations grow. ``saturation_sweep`` measures that: it multiplies every weight
and bias by a scale ``s`` and records the cost and, for each layer, the size of the
weight gradient and of the least saturated pre-activation. The figure is
``gradlib.viz.sigmoid_saturation.plot_saturation``.
"""
import numpy as np

from .._validate import check_float_array
from ..linear import Linear
from ..losses import SquaredError
from ..network import Sequential
from .dense import dense_layers


def scaled_network(net, s):
    """A copy of the dense ``net`` with every ``W^l`` and ``b^l`` multiplied by ``s``.

    ``net`` alternates ``Linear`` and activation layers (``dense_layers``); it is not changed.
    Since ``z^1 = s (W^1 x + b^1)``, the first layer's pre-activations grow in proportion to ``s``.
    """
    layers = []
    for W, b, f in dense_layers(net):
        layers += [Linear(W.shape[1], W.shape[0], W=s * W, b=s * b), type(f)()]
    return Sequential(*layers)


def saturation_sweep(net, X, Y, scales):
    r"""The cost and the weight gradients of ``scaled_network(net, s)`` for each ``s`` in ``scales``.

    Shapes: ``X: (B, n_0)``, ``Y: (B, n_L)``, ``scales: (S,)``, positive. The cost is
    :math:`C = \sum_{b,i} (A^L_{bi} - Y_{bi})^2` (``SquaredError("sum")``, Moraes' cost
    added over the batch). Returns ``(costs, grad_norms, z_min)``: ``costs: (S,)``, C at
    each scale; ``grad_norms: (S, L)``, entry ``[k, l - 1]`` the Frobenius norm
    :math:`\lVert \partial C / \partial W^l \rVert_F` at ``scales[k]``; ``z_min: (S, L)``,
    entry ``[k, l - 1]`` the smallest :math:`|Z^l_{bi}|` over the batch and the units,
    the least saturated unit of layer ``l``, whose :math:`\sigma'` is the largest
    (Chapter 4, eq. (4.3)).
    """
    scales = check_float_array("saturation_sweep", "scales", scales, ("S",))
    if np.any(scales <= 0):
        k = int(np.argmax(scales <= 0))
        raise ValueError(f"saturation_sweep: scales must be positive, got {scales[k]} at index {k}")
    n_layers = len(dense_layers(net))
    costs = np.zeros(len(scales))
    grad_norms, z_min = np.zeros((len(scales), n_layers)), np.zeros((len(scales), n_layers))
    loss = SquaredError("sum")
    for k, s in enumerate(scales):
        scaled = scaled_network(net, s)
        costs[k] = loss.forward(scaled.forward(X), Y)
        scaled.backward(loss.backward())
        for l, linear in enumerate(scaled.layers[::2]):
            grad_norms[k, l] = np.linalg.norm(linear.grads["W"])
            z_min[k, l] = np.abs(linear.cache["y"]).min()
    return costs, grad_norms, z_min
