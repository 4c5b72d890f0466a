"""The layer interface every part of gradlib follows.

A layer is one small class. ``forward`` computes the output and caches what
``backward`` needs; ``backward`` takes the adjoint of the output,
``dy = dC/dy``, stores the parameter gradients in ``self.grads`` and returns
the adjoint of the input, ``dx = dC/dx``. Chapter 0 derives the pattern.

Later chapters add capabilities as *new methods* next to these two; the two
methods below never change meaning. Everything a new method needs is already
in ``self.cache`` (the forward's inputs and output), in the static ``f``,
``df``, ``d2f`` of each activation, and in ``self.params``:

- per-example gradients and their sums of squares: from the cached input and
  the ``dy`` given to backward, one outer product per example;
- forward-mode tangents: a method taking the tangent of the input,
  ``(B, n_0, n_in)``, and returning the tangent of the output (``W`` for Linear,
  ``f'(z)`` for an activation);
- double backprop: a backward that also takes the adjoint of that tangent,
  using ``d2f``;
- Jacobians of the outputs: backward run once per output unit, or the tangents;
- a recurrent cell: a Layer whose forward runs over time and whose cache keeps
  every step, so its backward is backpropagation through time.
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
        raise NotImplementedError

    def backward(self, dy):
        raise NotImplementedError

    def zero_grad(self):
        """Set every parameter gradient to zero."""
        self.grads = {k: np.zeros_like(p) for k, p in self.params.items()}

    def _check_dy(self, dy):
        """The adjoint of the output must have exactly the output's shape."""
        if "y" not in self.cache:
            raise ValueError(f"{self}: backward called before forward")
        return check_float_array(f"{self}.backward", "dy", dy, self.cache["y"].shape)

    def __repr__(self):
        return type(self).__name__ + "()"
