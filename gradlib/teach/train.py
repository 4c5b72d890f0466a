"""An explicit full-batch training loop for classifiers, with a history of what it did.

One step is: forward, cost C = cross-entropy (mean over the batch) + L2 penalty,
backward, penalty gradient alpha W, SGD update. Chapter 2 derives every part; its
text, widget, exercises and benchmark all train through ``train_classifier``.
"""
from dataclasses import dataclass, field

import numpy as np

from .._validate import check_float_array, check_labels
from ..activations import ReLU
from ..linear import Linear
from ..losses import SoftmaxCrossEntropy
from ..network import Sequential
from ..optim import SGD
from ..regularizers import L2, weights


def relu_classifier(n_in, width, n_classes, rng=None):
    """``Linear(n_in -> width), ReLU, Linear(width -> n_classes)``: logits of shape (B, n_classes)."""
    if not (isinstance(width, (int, np.integer)) and width >= 1):
        raise ValueError(f"relu_classifier: width must be an integer >= 1, got {width!r}")
    rng = np.random.default_rng(0) if rng is None else rng
    return Sequential(Linear(n_in, width, rng), ReLU(), Linear(width, n_classes, rng))


def weight_norm(net):
    """sqrt(sum_l ||W^l||_F^2) over every weight matrix of ``net`` (biases excluded, as in L2)."""
    return float(np.sqrt(sum(np.sum(l.params[n] ** 2) for l, n in weights(net))))


def accuracy(logits, labels):
    """Fraction of rows of ``logits: (B, K)`` whose largest entry is at ``labels: (B,)``."""
    return float(np.mean(np.argmax(logits, axis=1) == labels))


@dataclass
class History:
    """One entry per training step, measured before that step's update."""

    loss: list = field(default_factory=list)         # C: mean cross-entropy + L2 penalty
    accuracy: list = field(default_factory=list)     # on the training batch
    weight_norm: list = field(default_factory=list)  # sqrt(sum_l ||W^l||_F^2)


def train_classifier(net, X, labels, lr, steps, alpha=0.0):
    r"""Train ``net`` in place by ``steps`` full-batch SGD steps; return its History.

    Shapes: ``X: (B, n_in)``, ``labels: (B,)`` integers in [0, K). The cost is
    Chapter 2, eq. (2.2): :math:`C = -\frac1B \sum_b \log P_{b, y_b} + \frac{\alpha}{2} \sum_l \lVert W^l \rVert_F^2`.
    """
    X = check_float_array("train_classifier", "X", X, (None, None))
    labels = check_labels("train_classifier", labels, X.shape[0], net.layers[-1].params["b"].size)
    if not (isinstance(steps, (int, np.integer)) and steps >= 0):
        raise ValueError(f"train_classifier: steps must be an integer >= 0, got {steps!r}")
    loss, penalty, sgd = SoftmaxCrossEntropy("mean"), L2(alpha), SGD(net, lr)
    history = History()
    for _ in range(steps):
        logits = net.forward(X)
        history.loss.append(loss.forward(logits, labels) + penalty.forward(net))
        history.accuracy.append(accuracy(logits, labels))
        history.weight_norm.append(weight_norm(net))
        net.backward(loss.backward())
        penalty.backward(net)
        sgd.step()
    return history
