"""Plain stochastic gradient descent."""
import numpy as np


class SGD:
    r""":math:`\theta \leftarrow \theta - \eta \, \partial C / \partial \theta` (``lr`` is :math:`\eta`)
    for every parameter of ``net.named_parameters()``, in place."""

    def __init__(self, net, lr):
        if not (np.isfinite(lr) and lr > 0):
            raise ValueError(f"SGD: lr must be a finite number > 0, got {lr!r}")
        self.net, self.lr = net, lr

    def step(self):
        for _, layer, name in self.net.named_parameters():
            layer.params[name] -= self.lr * layer.grads[name]
