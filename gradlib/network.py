"""A network is a list of layers run in order forward and in reverse backward."""
from .layer import Layer


class Sequential(Layer):
    """Compose layers: ``y = layers[-1](...layers[0](x))``.

    ``backward(dy)`` runs each layer's backward in reverse order: the chain rule,
    one factor per layer (Chapter 0, eq. (chain-rule)). A Sequential given as a
    layer is spliced in, so ``layers`` is always flat.
    """

    def __init__(self, *layers):
        super().__init__()
        if not layers or not all(isinstance(l, Layer) for l in layers):
            raise ValueError(f"Sequential: expected one or more layers, got {layers!r}")
        self.layers = [inner for l in layers
                       for inner in (l.layers if isinstance(l, Sequential) else [l])]

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, dy):
        for layer in reversed(self.layers):
            dy = layer.backward(dy)
        return dy

    def parameters(self):
        """Yield ``(layer, name)`` for every parameter, in layer order."""
        for layer in self.layers:
            for name in layer.params:
                yield layer, name

    def zero_grad(self):
        for layer in self.layers:
            layer.zero_grad()

    def __repr__(self):
        return "Sequential(" + ", ".join(map(repr, self.layers)) + ")"
