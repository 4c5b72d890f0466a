"""A network is a list of layers run in order forward and in reverse backward."""
from .layer import Layer


class Sequential(Layer):
    """Compose layers: ``y = layers[-1](...layers[0](x))``.

    Every method walks the layers: ``forward`` and ``forward_tangent`` in order,
    ``backward`` and ``backward_tangent`` in reverse, the chain rule with one
    factor per layer (Chapter 0, eq. (0.1)). A Sequential given as a
    layer is spliced in, so ``layers`` is always flat. Parameters are keyed
    ``"i.name"``, such as ``"0.W"``: layer ``i``'s parameter ``name``.
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

    def forward_tangent(self, x, x_dot):
        for layer in self.layers:
            x, x_dot = layer.forward_tangent(x, x_dot)
        return x, x_dot

    def backward_tangent(self, dy, dy_dot):
        for layer in reversed(self.layers):
            dy, dy_dot = layer.backward_tangent(dy, dy_dot)
        return dy, dy_dot

    def named_parameters(self):
        """Yield ``(key, layer, name)`` for every parameter, in layer order; ``key`` is ``"i.name"``."""
        for i, layer in enumerate(self.layers):
            for name in layer.params:
                yield f"{i}.{name}", layer, name

    def per_example_grads(self):
        """Every layer's per-example gradients, keyed ``"i.name"`` (after ``backward``)."""
        return {f"{i}.{k}": g for i, layer in enumerate(self.layers)
                for k, g in layer.per_example_grads().items()}

    def sum_grad_squared(self):
        """Every layer's sum of squared per-example gradients, each by its own route."""
        return {f"{i}.{k}": g for i, layer in enumerate(self.layers)
                for k, g in layer.sum_grad_squared().items()}

    def zero_grad(self):
        for layer in self.layers:
            layer.zero_grad()

    def __repr__(self):
        return "Sequential(" + ", ".join(map(repr, self.layers)) + ")"
