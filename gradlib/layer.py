r"""The layer contract every part of gradlib follows.

A layer is one small class. ``forward`` computes the output and caches what
``backward`` needs; ``backward`` takes the adjoint of the output,
``dy = dC/dy``, **sets** the parameter gradients in ``self.grads`` and returns
the adjoint of the input, ``dx = dC/dx``. Chapter 0 derives the pattern.

Two more methods carry the derivative of the output with respect to the
network's input ``x^0: (B, n0)`` alongside (forward mode, JAX's ``jvp``):

- ``forward_tangent(x, x_dot) -> (y, y_dot)`` with
  :math:`\dot x_{bzi} = \partial x_{bi} / \partial x^0_{bz}`, ``x_dot: (B, n0, n_in)``
  (Vijay's index order: example, input unit, unit);
- ``backward_tangent(dy, dy_dot) -> (dx, dx_dot)``: double backprop. It takes
  the adjoints of ``y`` and of ``y_dot`` and sets ``grads`` to the total over
  both paths, for a cost that contains input gradients.

Every layer keeps its cache under the same names: ``x`` (input), ``y``
(output), ``dy`` (the adjoint given to ``backward``, for per-example
gradients), ``x_dot`` and ``y_dot`` after a tangent pass, and ``dy_dot`` after
``backward_tangent`` (which caches ``dy`` too; a plain ``backward`` drops ``dy_dot``).
Input is batch-first ``(B, n)``; a sequence layer takes time-major ``(T, B, n)``.
"""
import numpy as np

from ._validate import check_float_array


class Layer:
    """Base class: ``params`` and ``grads`` are dicts keyed by parameter name."""

    def __init__(self):
        self.params = {}
        self.grads = {}
        self.cache = {}

    def forward(self, x):
        """``x: (B, n_in)`` -> ``y: (B, n_out)``; caches ``x`` and ``y``."""
        raise NotImplementedError

    def backward(self, dy):
        """``dy = dC/dy: (B, n_out)`` -> ``dx = dC/dx: (B, n_in)``; sets ``grads``."""
        raise NotImplementedError

    def forward_tangent(self, x, x_dot):
        """``x: (B, n_in)``, ``x_dot: (B, n0, n_in)`` -> ``(y, y_dot)``, ``y_dot: (B, n0, n_out)``."""
        raise NotImplementedError

    def backward_tangent(self, dy, dy_dot):
        """Adjoints of ``y`` and ``y_dot`` -> adjoints ``(dx, dx_dot)``; sets ``grads``."""
        raise NotImplementedError

    def per_example_grads(self):
        """``{name: (B, *shape)}`` from the cached ``x`` and ``dy`` (after ``backward``), and also
        ``x_dot`` and ``dy_dot`` after ``backward_tangent`` (a parameter may reach the tangent).

        A layer without parameters has none; a layer with parameters must say how.
        """
        if self.params:
            raise NotImplementedError(f"{self}: per_example_grads")
        return {}

    def sum_grad_squared(self):
        """``{name: shape}``: the sum over the batch of the squared per-example gradients.

        The general route squares ``per_example_grads``; a layer may override it
        with a shortcut that is exact for that layer only (``Linear`` does, after ``backward``).
        """
        return {k: np.sum(g ** 2, axis=0) for k, g in self.per_example_grads().items()}

    def named_parameters(self):
        """Yield ``(key, layer, name)`` for every parameter; here ``key`` is ``name``."""
        for name in self.params:
            yield name, self, name

    def zero_grad(self):
        """Set every parameter gradient to zero."""
        self.grads = {k: np.zeros_like(p) for k, p in self.params.items()}

    def _start_tangent(self, x, x_dot, n_in=None):
        """Check the input and its tangent ``(B, n0, n_in)``; return them as float64."""
        x = check_float_array(f"{self}.forward_tangent", "x", x, ("B", "n" if n_in is None else n_in))
        B, n = x.shape
        x_dot = check_float_array(f"{self}.forward_tangent", "x_dot", x_dot, (B, "n0", n))
        return x, x_dot

    def _check_dy(self, dy):
        """The adjoint of the output must have exactly the output's shape; it is cached."""
        if "y" not in self.cache:
            raise ValueError(f"{self}: backward called before forward")
        dy = check_float_array(f"{self}.backward", "dy", dy, self.cache["y"].shape)
        self.cache["dy"] = dy
        self.cache.pop("dy_dot", None)  # this backward has no tangent path
        return dy

    def _check_tangent_adjoints(self, dy, dy_dot):
        """``backward_tangent`` needs the cache of ``forward_tangent``, and adjoints of its shapes.

        Both adjoints are cached, ``dy`` and ``dy_dot``, for per-example gradients.
        """
        if "y_dot" not in self.cache:
            raise ValueError(f"{self}.backward_tangent: no tangent cached; call forward_tangent(x, "
                             f"x_dot) first (a plain forward clears the tangent cache)")
        where = f"{self}.backward_tangent"
        dy = check_float_array(where, "dy", dy, self.cache["y"].shape)
        dy_dot = check_float_array(where, "dy_dot", dy_dot, self.cache["y_dot"].shape)
        self.cache.update(dy=dy, dy_dot=dy_dot)
        return dy, dy_dot

    def _per_example_cache(self):
        """The cached ``x`` and ``dy`` that per-example gradients are built from."""
        if "dy" not in self.cache:
            raise ValueError(f"{self}: per-example gradients need forward(x), then backward(dy) "
                             f"(or forward_tangent(x, x_dot), then backward_tangent(dy, dy_dot))")
        return self.cache["x"], self.cache["dy"]

    def _per_example_tangent_cache(self):
        """``(x_dot, dy_dot)`` if the last backward was ``backward_tangent``, else ``None``."""
        if "dy_dot" not in self.cache:
            return None
        return self.cache["x_dot"], self.cache["dy_dot"]

    def __repr__(self):
        return type(self).__name__ + "()"
