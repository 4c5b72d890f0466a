"""gradlib models rewritten in autograd.numpy, and autograd's view of their input tangents."""
import autograd.numpy as anp
from autograd import grad

from gradlib import GatedRecurrent, Identity, Linear, ReLU, Sigmoid, Softsign, Tanh

# f(z) for each activation, from its textbook definition.
FORMULAS = {
    Identity: lambda z: z,
    Sigmoid: lambda z: 1.0 / (1.0 + anp.exp(-z)),
    Tanh: anp.tanh,
    ReLU: lambda z: anp.maximum(z, 0.0),
    Softsign: lambda z: z / (1.0 + anp.abs(z)),
}


def parameters(model):
    """The model's parameter arrays, in ``named_parameters`` order."""
    return [layer.params[name] for _, layer, name in model.named_parameters()]


def forward(model):
    """``f(x, params)``: the model's forward in anp, ``params`` as from ``parameters``."""
    layers = getattr(model, "layers", [model])

    def f(x, params):
        params = iter(params)
        for layer in layers:
            if isinstance(layer, Linear):
                W, b = next(params), next(params)
                x = anp.dot(x, W.T) + b
            elif isinstance(layer, GatedRecurrent):
                h0 = anp.zeros((x.shape[1], layer.n))
                x = gated_recurrent(x, h0, *(next(params) for _ in layer.params))
            else:
                x = FORMULAS[type(layer)](x)
        return x

    return f


def gated_recurrent(x, h0, Wu, Wc, vu, vc, bu, bc):
    """Chapter 4's gated layer: ``x: (T, B, n_in)``, ``h0: (B, n)`` -> the states ``A_1..A_T: (T, B, n)``."""
    a, states = h0, []
    for t in range(x.shape[0]):
        g = FORMULAS[Sigmoid](anp.dot(x[t], Wu.T) + a * vu + bu)
        a_tilde = FORMULAS[Tanh](anp.dot(x[t], Wc.T) + a * vc + bc)
        a = g * a_tilde + (1.0 - g) * a
        states.append(a)
    return anp.stack(states)


def input_tangent(f, x, x_dot, params):
    """``y_dot[b, z, k] = sum_i dy[b, k]/dx[b, i] x_dot[b, z, i]``, by reverse mode (twice-differentiable).

    Row k of each example's Jacobian is ``grad`` of ``sum_b y[b, k]``: examples are independent.
    """
    K = f(x, params).shape[1]
    rows = [grad(lambda x_, k=k: anp.sum(f(x_, params)[:, k]))(x) for k in range(K)]
    return anp.stack([anp.einsum("bi,bzi->bz", row, x_dot) for row in rows], axis=2)
