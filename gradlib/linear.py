"""The affine layer ``Z = X W^T + b`` in the book's batch-first convention."""
import numpy as np

from ._validate import check_float_array
from .layer import Layer


class Linear(Layer):
    """Affine map of a batch of row vectors.

    Shapes: ``x: (B, n_in)``, ``W: (n_out, n_in)``, ``b: (n_out,)``,
    ``y: (B, n_out)``, with ``y = x @ W.T + b``. ``W[i, j]`` connects input
    unit ``j`` to output unit ``i``. Derived in Chapter 0, eqs. (linear-forward) and (linear-backward).
    """

    def __init__(self, n_in, n_out, rng=None, W=None, b=None):
        super().__init__()
        self.n_in, self.n_out = n_in, n_out
        if W is None:
            rng = np.random.default_rng(0) if rng is None else rng
            W = rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_out, n_in))
        if b is None:
            b = np.zeros(n_out)
        # np.array copies: the layer owns its parameters, so SGD never edits the caller's W.
        self.params["W"] = check_float_array(f"{self}", "W", np.array(W), (n_out, n_in))
        self.params["b"] = check_float_array(f"{self}", "b", np.array(b), (n_out,))
        self.zero_grad()

    def forward(self, x):
        """``x: (B, n_in)`` -> ``y: (B, n_out)``."""
        x = check_float_array(f"{self}.forward", "x", x, (None, self.n_in))
        W, b = self.params["W"], self.params["b"]
        y = x @ W.T + b
        self.cache = {"x": x, "y": y}
        return y

    def backward(self, dy):
        """``dy: (B, n_out)`` -> ``dx: (B, n_in)``; fills ``grads['W']``, ``grads['b']``.

        dW = dy^T x,  db = sum over the batch of dy,  dx = dy W.
        """
        dy = self._check_dy(dy)
        x, W = self.cache["x"], self.params["W"]
        self.grads["W"] = dy.T @ x
        self.grads["b"] = dy.sum(axis=0)
        dx = dy @ W
        assert self.grads["W"].shape == W.shape and dx.shape == x.shape
        return dx

    def __repr__(self):
        return f"Linear({self.n_in}->{self.n_out})"
