"""A dense network as the list ``[(W^l, b^l, f_l)]`` that the teaching modules index by layer."""
from ..activations import Activation
from ..linear import Linear


def dense_layers(net):
    """``[(W^1, b^1, f_1), ..., (W^L, b^L, f_L)]`` of ``net = Sequential(Linear, Activation, ...)``.

    The network must alternate ``Linear`` and ``Activation`` layers, starting with
    ``Linear``, so that each layer l has its own activation f_l.
    """
    layers = getattr(net, "layers", None)
    if (not layers or len(layers) % 2 != 0
            or not all(isinstance(l, Linear) for l in layers[::2])
            or not all(isinstance(f, Activation) for f in layers[1::2])):
        raise ValueError("dense_layers: net must be a Sequential alternating Linear and "
                         f"Activation layers, Linear first, got {net!r}")
    return [(lin.params["W"], lin.params["b"], f) for lin, f in zip(layers[::2], layers[1::2])]
