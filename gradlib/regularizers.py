"""The L2 penalty R = (alpha / 2) * sum of squared weights (biases excluded)."""
import numpy as np


def weight_layers(net):
    """The layers of ``net`` that have a weight matrix ``W``: what L2 and weight norms cover."""
    return [layer for layer in net.layers if "W" in layer.params]


class L2:
    """R = (alpha/2) sum_l ||W^l||_F^2 over every parameter named ``W``; dR/dW = alpha W.

    Biases are left out: they shift a unit, they do not scale its inputs.
    """

    def __init__(self, alpha):
        if not (np.isfinite(alpha) and alpha >= 0):
            raise ValueError(f"L2: alpha must be a finite number >= 0, got {alpha!r}")
        self.alpha = float(alpha)

    def forward(self, net):
        """Return R for the weights of ``net`` (a Sequential)."""
        return 0.5 * self.alpha * sum(float(np.sum(l.params["W"] ** 2)) for l in weight_layers(net))

    def backward(self, net):
        """Add alpha * W to each ``grads['W']`` (call after ``net.backward``)."""
        for layer in weight_layers(net):
            layer.grads["W"] = layer.grads["W"] + self.alpha * layer.params["W"]

    def __repr__(self):
        return f"L2(alpha={self.alpha})"
