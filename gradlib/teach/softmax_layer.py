"""Softmax as a layer of its own, and its Jacobian, for the chapter on softmax classifiers.

The fused ``SoftmaxCrossEntropy`` (``losses.py``) is what training uses; this module
is the unfused path it shortcuts: softmax, then any cost of the probabilities.
Derived in Chapter 2, eqs. (2.3) and (2.4).
"""
import numpy as np

from .._validate import check_float_array
from ..layer import Layer
from ..losses import softmax


def softmax_jacobian(P):
    """Per-example Jacobians ``J[b] = diag(P[b]) - P[b] P[b]^T`` of the softmax.

    Shapes: ``P: (B, K)`` probabilities (rows of ``softmax(Z)``) -> ``J: (B, K, K)``
    with ``J[b, i, j] = dP[b, i] / dZ[b, j]``. Each J[b] is symmetric and its rows
    sum to 0. Derived in Chapter 2, eq. (2.3).
    """
    P = check_float_array("softmax_jacobian", "P", P, (None, None))
    return P[:, :, None] * np.eye(P.shape[1]) - P[:, :, None] * P[:, None, :]


class Softmax(Layer):
    r"""Row-wise softmax. Shapes: ``x: (B, K)`` logits -> ``P: (B, K)``.

    backward: :math:`\bar x = P \odot (\bar P - (\bar P \odot P) \mathbf 1 \mathbf 1^T)`,
    row by row the product of :math:`\bar P` with the Jacobian
    :math:`\operatorname{diag}(p) - p p^T` without forming it. Derived in Chapter 2, eq. (2.4).
    """

    def forward(self, x):
        x = check_float_array(f"{self}.forward", "x", x, ("B", "K"))
        P = softmax(x)
        self.cache = {"x": x, "y": P}
        return P

    def backward(self, dy):
        """``dy = dC/dP: (B, K)`` -> ``dC/dx: (B, K)``."""
        dy = self._check_dy(dy)
        P = self.cache["y"]
        return P * (dy - np.sum(dy * P, axis=1, keepdims=True))
