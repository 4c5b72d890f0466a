"""gradlib: the neural-network gradients of the book, derived by hand and checked.

Every layer has ``forward`` (caching what backward needs) and ``backward``
(the matrix formula derived in the book). See the API reference.
"""
from . import check
from .activations import Activation, Identity, ReLU, Sigmoid, Softsign, Tanh
from .layer import Layer
from .linear import Linear
from .losses import SoftmaxCrossEntropy, SquaredError, log_softmax, softmax
from .network import Sequential
from .optim import SGD
from .regularizers import L2

__all__ = [
    "Activation", "check", "Identity", "L2", "Layer", "Linear", "ReLU", "SGD", "Sequential",
    "Sigmoid", "SoftmaxCrossEntropy", "Softsign", "SquaredError", "Tanh",
    "log_softmax", "softmax",
]
