r"""The affine layer :math:`Y = X W^T + \mathbf 1 b^T` in the book's batch-first convention."""
import numpy as np

from ._validate import check_float_array
from .layer import Layer


class Linear(Layer):
    r"""Affine map of a batch of row vectors.

    Shapes: ``x: (B, n_in)``, ``W: (n_out, n_in)``, ``b: (n_out,)``,
    ``y: (B, n_out)``, with ``y = x @ W.T + b``. ``W[i, j]`` connects input
    unit ``j`` to output unit ``i``. Derived in Chapter 0, eqs. (0.3) and (0.5).
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
        x = check_float_array(f"{self}.forward", "x", x, ("B", self.n_in))
        W, b = self.params["W"], self.params["b"]
        y = x @ W.T + b
        self.cache = {"x": x, "y": y}
        return y

    def backward(self, dy):
        r"""``dy: (B, n_out)`` -> ``dx: (B, n_in)``; sets ``grads['W']``, ``grads['b']``.

        Chapter 0, eq. (0.5): :math:`\bar W = \bar Y^T X`,
        :math:`\bar b = \bar Y^T \mathbf 1`, :math:`\bar X = \bar Y W`.
        """
        dy = self._check_dy(dy)
        x, W = self.cache["x"], self.params["W"]
        self.grads["W"] = dy.T @ x
        self.grads["b"] = dy.sum(axis=0)
        return dy @ W

    def forward_tangent(self, x, x_dot):
        r"""``y = x W^T + b`` and its tangent :math:`\dot y_{bz} = W \dot x_{bz}`, ``y_dot: (B, n0, n_out)``."""
        x, x_dot = self._start_tangent(x, x_dot, self.n_in)
        y = self.forward(x)
        y_dot = x_dot @ self.params["W"].T
        self.cache.update(x_dot=x_dot, y_dot=y_dot)
        return y, y_dot

    def backward_tangent(self, dy, dy_dot):
        r"""Double backprop: ``dx = dy W``, ``dx_dot = dy_dot W``, and both paths into ``W``.

        .. math:: \bar W = \bar Y^T X + \sum_{b,z} \bar{\dot y}_{bz} \dot x_{bz}^T,
           \qquad \bar b = \sum_b \bar y_b,

        since ``W`` reaches ``y`` and ``y_dot`` while ``b`` reaches ``y`` only.
        """
        dy, dy_dot = self._check_tangent_adjoints(dy, dy_dot)
        x, x_dot, W = self.cache["x"], self.cache["x_dot"], self.params["W"]
        self.grads["W"] = dy.T @ x + np.einsum("bzi,bzj->ij", dy_dot, x_dot)
        self.grads["b"] = dy.sum(axis=0)
        return dy @ W, dy_dot @ W

    def per_example_grads(self):
        r"""``W``: ``dW[b] = outer(dy[b], x[b])``, shape ``(B, n_out, n_in)``; ``b``: ``dy``, ``(B, n_out)``.

        After ``backward_tangent`` the weight also reaches the cost through the tangent
        :math:`\dot y_{bz} = W \dot x_{bz}`, so each example's gradient gains that path
        (Chapter 5, eq. (5.18), the exact squared gradient with tangents):

        .. math:: \bar W_b = \bar y_b x_b^T + \sum_z \bar{\dot y}_{bz} \dot x_{bz}^T,

        ``x_dot: (B, n0, n_in)``, ``dy_dot: (B, n0, n_out)``. The bias does not reach the tangent.
        """
        x, dy = self._per_example_cache()
        dW = np.einsum("bi,bj->bij", dy, x)
        tangent = self._per_example_tangent_cache()
        if tangent is not None:  # the last backward was backward_tangent: add the tangent path
            x_dot, dy_dot = tangent
            dW = dW + np.einsum("bzi,bzj->bij", dy_dot, x_dot)
        return {"W": dW, "b": dy.copy()}

    def sum_grad_squared(self):
        r"""After ``backward``, the one-matmul shortcut :math:`(\bar Y^{\circ 2})^T X^{\circ 2}`.

        The squares are entrywise. Exact here because each example's gradient is one outer product,
        :math:`(\bar y_b x_b^T)^{\circ 2} = \bar y_b^{\circ 2} (x_b^{\circ 2})^T`.

        After ``backward_tangent`` it is not: :math:`\bar W_b` is a sum of ``1 + n0`` outer
        products, whose square has cross terms, so the exact per-example gradients are
        squared and summed instead, :math:`\sum_b \bar W_b^{\circ 2}` (Chapter 5, eq. (5.18),
        the exact squared gradient with tangents). Shapes: ``W: (n_out, n_in)``, ``b: (n_out,)``.
        """
        if self._per_example_tangent_cache() is not None:
            return super().sum_grad_squared()
        x, dy = self._per_example_cache()
        return {"W": (dy ** 2).T @ (x ** 2), "b": np.sum(dy ** 2, axis=0)}

    def __repr__(self):
        return f"Linear({self.n_in}->{self.n_out})"
