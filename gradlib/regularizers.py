"""The L2 penalty R = (alpha / 2) * sum of squared weights (biases excluded)."""
import numpy as np


class L2:
    """R = (alpha/2) sum_l ||W^l||_F^2 over every parameter named ``W``; dR/dW = alpha W.

    Biases are left out: they shift a unit, they do not scale its inputs.
    """

    def __init__(self, alpha):
        if not (np.isfinite(alpha) and alpha >= 0):
            raise ValueError(f"L2: alpha must be a finite number >= 0, got {alpha!r}")
        self.alpha = float(alpha)

    @staticmethod
    def _weights(net):
        return [layer for layer in net.layers if "W" in layer.params]

    def forward(self, net):
        """Return R for the weights of ``net`` (a Sequential)."""
        return 0.5 * self.alpha * sum(float(np.sum(l.params["W"] ** 2)) for l in self._weights(net))

    def backward(self, net):
        """Add alpha * W to each ``grads['W']`` (call after ``net.backward``)."""
        for layer in self._weights(net):
            layer.grads["W"] = layer.grads["W"] + self.alpha * layer.params["W"]

    def __repr__(self):
        return f"L2(alpha={self.alpha})"
