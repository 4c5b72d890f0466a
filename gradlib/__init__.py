"""gradlib: the neural-network gradients of the book, derived by hand and checked.

The core, imported by ``import gradlib`` (NumPy only):

- the layer contract (``layer``): ``forward``/``backward``, and
  ``forward_tangent``/``backward_tangent`` for input gradients;
- layers: ``Linear``, the activations, ``Sequential``;
- a recurrent layer on time-major sequences ``(T, B, n)``: ``GatedRecurrent`` (Chapter 4);
- costs and training: ``SquaredError``, ``SoftmaxCrossEntropy``, ``L2``, ``SGD``;
- per-example derivatives: ``per_example_grads``, ``sum_grad_squared``, ``jacobian``.

Three subpackages build on the core; the core never imports them:

- ``gradlib.check``: every derivative against central differences, and the
  learners' self-check;
- ``gradlib.teach``: each chapter's derivation as code (index form, matrix
  form, paths, softmax, datasets, a training loop);
- ``gradlib.viz``: figures and widgets (matplotlib, ipywidgets), one module per chapter.
"""
from .activations import Activation, Identity, ReLU, Sigmoid, Softsign, Tanh
from .layer import Layer
from .linear import Linear
from .losses import Loss, SoftmaxCrossEntropy, SquaredError, log_softmax, softmax
from .network import Sequential
from .optim import SGD
from .per_example import jacobian, per_example_grads, sum_grad_squared
from .recurrent import GatedRecurrent
from .regularizers import L2

__all__ = [
    "Activation", "GatedRecurrent", "Identity", "L2", "Layer", "Linear", "Loss", "ReLU", "SGD", "Sequential",
    "Sigmoid", "SoftmaxCrossEntropy", "Softsign", "SquaredError", "Tanh",
    "jacobian", "log_softmax", "per_example_grads", "softmax", "sum_grad_squared",
]
