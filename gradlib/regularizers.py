"""The L2 penalty on the weights (biases excluded): the alpha term of Chapter 2, eq. (2.2)."""
import numpy as np


def weights(net):
    """``(layer, "W")`` for every weight matrix of ``net``: what L2 and weight norms cover."""
    return [(layer, name) for _, layer, name in net.named_parameters() if name == "W"]


class L2:
    r""":math:`R = \frac{\alpha}{2} \sum_l \lVert W^l \rVert_F^2` over every parameter named ``W``;
    :math:`\partial R / \partial W = \alpha W`, the weight decay of Chapter 2, eq. (2.8).

    Biases are left out: they shift a unit, they do not scale its inputs.
    """

    def __init__(self, alpha):
        if not (np.isfinite(alpha) and alpha >= 0):
            raise ValueError(f"L2: alpha must be a finite number >= 0, got {alpha!r}")
        self.alpha = float(alpha)

    def forward(self, net):
        """Return R for the weights of ``net`` (a Sequential)."""
        return 0.5 * self.alpha * sum(float(np.sum(l.params[n] ** 2)) for l, n in weights(net))

    def backward(self, net):
        """**Adds** alpha * W to each ``grads['W']``: call it after ``net.backward``, which sets them.

        The one rule that accumulates: C = data cost + R, so dC/dW is the sum of both.
        """
        for layer, name in weights(net):
            layer.grads[name] = layer.grads[name] + self.alpha * layer.params[name]

    def __repr__(self):
        return f"L2(alpha={self.alpha})"
