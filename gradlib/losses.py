"""Losses: a scalar cost C from predictions. ``forward`` returns C, ``backward`` dC/dprediction.

Both losses take ``reduction``: ``"sum"`` adds the per-example losses,
``"mean"`` divides that sum by the batch size B (the only place 1/B enters).
"""
import numpy as np

from ._validate import check_float_array, check_labels

REDUCTIONS = ("sum", "mean")


class Loss:
    """A scalar cost C of predictions and targets: ``forward(yhat, target) -> C``,
    ``backward(dC=1.0) -> dC/dyhat``. Not a Layer: it has no parameters and a second input.
    """

    def __init__(self, reduction):
        self.cache = {}
        if reduction not in REDUCTIONS:
            raise ValueError(f"{type(self).__name__}: reduction must be one of "
                             f"{REDUCTIONS}, got {reduction!r}")
        self.reduction = reduction

    def _scale(self, batch):
        return 1.0 / batch if self.reduction == "mean" else 1.0

    def _check_backward(self, dC):
        """backward needs a forward first, and ``dC`` is a scalar: nothing may broadcast."""
        if not self.cache:
            raise ValueError(f"{self}: backward called before forward")
        if np.ndim(dC) != 0:
            raise ValueError(f"{self}.backward: dC must be a scalar (the adjoint of C), "
                             f"got shape {np.shape(dC)}")

    def backward(self, dC=1.0):
        """Return dC/dprediction, shape (B, n); ``dC`` scales it (chain rule)."""
        raise NotImplementedError

    def __repr__(self):
        return f"{type(self).__name__}(reduction={self.reduction!r})"


class SquaredError(Loss):
    r""":math:`C = s \sum_{b,i} (\hat y_{bi} - y_{bi})^2` with :math:`s = 1` (sum) or :math:`1/B` (mean).

    Shapes: ``yhat: (B, n)``, ``y: (B, n)``. Gradient:
    :math:`\partial C / \partial \hat y = 2 s (\hat y - y)`, Chapter 0, eq. (0.2).
    """

    def __init__(self, reduction="sum"):
        super().__init__(reduction)

    def forward(self, yhat, y):
        yhat = check_float_array(f"{self}.forward", "yhat", yhat, (None, None))
        y = check_float_array(f"{self}.forward", "y", y, yhat.shape)
        self.cache = {"r": yhat - y, "s": self._scale(yhat.shape[0])}
        return float(self.cache["s"] * np.sum(self.cache["r"] ** 2))

    def backward(self, dC=1.0):
        self._check_backward(dC)
        r, s = self.cache["r"], self.cache["s"]
        return dC * 2.0 * s * r


def log_softmax(z):
    """Row-wise log softmax of ``z: (B, K)`` via log-sum-exp (Chapter 2, eq. (2.6)); finite for any finite z."""
    z = check_float_array("log_softmax", "z", z, (None, None))
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))


def softmax(z):
    """Row-wise softmax of ``z: (B, K)``; rows sum to 1, no overflow."""
    return np.exp(log_softmax(check_float_array("softmax", "z", z, (None, None))))


class SoftmaxCrossEntropy(Loss):
    r"""Softmax and cross-entropy fused: :math:`C = -s \sum_b \log \operatorname{softmax}(z_b)_{y_b}`.

    Shapes: ``z: (B, K)`` logits, ``labels: (B,)`` integers in [0, K).
    Gradient: :math:`\partial C / \partial z = s (P - Y)` with :math:`P = \operatorname{softmax}(z)`
    and :math:`Y` the one-hot labels, Chapter 2, eq. (2.5). Never takes :math:`\log 0`:
    the log-probabilities come from log-sum-exp, Chapter 2, eq. (2.6).
    """

    def __init__(self, reduction="mean"):
        super().__init__(reduction)

    def forward(self, z, labels):
        z = check_float_array(f"{self}.forward", "z", z, (None, None))
        B, K = z.shape
        labels = check_labels(f"{self}.forward", labels, B, K)
        logp = log_softmax(z)
        self.cache = {"P": np.exp(logp), "labels": labels, "s": self._scale(B)}
        return float(-self.cache["s"] * np.sum(logp[np.arange(B), labels]))

    def backward(self, dC=1.0):
        self._check_backward(dC)
        P, labels, s = self.cache["P"], self.cache["labels"], self.cache["s"]
        Y = np.zeros_like(P)
        Y[np.arange(len(labels)), labels] = 1.0
        return dC * s * (P - Y)
