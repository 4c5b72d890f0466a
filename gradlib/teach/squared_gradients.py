r"""Chapter 5: four routes to the sum over a batch of squared per-example gradients, for timing.

For a network ``net`` and a batch ``X: (B, n0)``, ``Y: (B, K)`` with the summed squared error
:math:`C = \sum_b \ell_b`, each route is a function of nothing that starts with its own forward
pass (Chapter 5, eq. (5.5), the squared gradient):

- ``gradient only``: the batch gradient alone, for reference;
- ``shortcut``: ``gradlib.sum_grad_squared``, each ``Linear`` layer's one matrix product
  :math:`(\bar Z^{\circ 2})^T (A^{\circ 2})` (Chapter 5, eq. (5.7), the shortcut);
- ``per-example``: ``gradlib.per_example_grads``, a ``(B, n_out, n_in)`` array per layer, squared
  and summed over the batch;
- ``loop of B passes``: one forward and backward pass per example.

Chapter 5 and ``benchmarks/bench_squared_gradients.py`` time them against each other.
"""
import numpy as np

from ..losses import SquaredError
from ..per_example import per_example_grads, sum_grad_squared


def squared_gradient_routes(net, X, Y):
    """``{name: route}``: the four routes above, each returning ``{key: shape}`` (``None`` for the first)."""
    loss = SquaredError("sum")

    def gradient_only():
        loss.forward(net.forward(X), Y)
        net.backward(loss.backward())

    def shortcut():
        loss.forward(net.forward(X), Y)
        return sum_grad_squared(net, loss.backward())

    def per_example():
        loss.forward(net.forward(X), Y)
        return {key: np.sum(g ** 2, axis=0) for key, g in per_example_grads(net, loss.backward()).items()}

    def loop():
        S = {key: 0.0 for key, _, _ in net.named_parameters()}
        for b in range(len(X)):
            loss.forward(net.forward(X[b:b + 1]), Y[b:b + 1])
            net.backward(loss.backward())
            for key, layer, name in net.named_parameters():
                S[key] = S[key] + layer.grads[name] ** 2
        return S

    return {"gradient only": gradient_only, "shortcut": shortcut, "per-example": per_example,
            "loop of B passes": loop}
