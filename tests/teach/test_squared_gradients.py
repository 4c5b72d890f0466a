"""Chapter 5's routes to the sum of squared per-example gradients agree with central differences."""
import numpy as np
from hypothesis import given

from gradlib import Linear, Sequential, Softsign, SquaredError
from gradlib.check import numerical_grad, rel_error
from gradlib.teach.squared_gradients import squared_gradient_routes
from strategies import SETTINGS, mlps, seeds, sizes


@SETTINGS
@given(net=mlps(), batch=sizes, seed=seeds)
def test_every_route_is_the_sum_over_examples_of_squared_central_differences(net, batch, seed):
    rng = np.random.default_rng(seed)
    n0, K = net.layers[0].n_in, net.layers[-2].n_out
    X, Y = rng.standard_normal((batch, n0)), rng.standard_normal((batch, K))
    routes = squared_gradient_routes(net, X, Y)
    assert routes["gradient only"]() is None
    want = {}
    for key, layer, name in net.named_parameters():
        theta = layer.params[name]

        def loss_of_example(value, b):
            saved = theta.copy()
            theta[...] = value
            cost = SquaredError("sum").forward(net.forward(X[b:b + 1]), Y[b:b + 1])
            theta[...] = saved
            return cost
        want[key] = sum(numerical_grad(lambda v: loss_of_example(v, b), theta.copy()) ** 2 for b in range(batch))
    for route in ("shortcut", "per-example", "loop of B passes"):
        got = routes[route]()
        for key in want:
            assert rel_error(got[key], want[key]) < 1e-6, (route, key)


def test_the_routes_are_independent_of_each_other():
    rng = np.random.default_rng(0)
    net = Sequential(Linear(3, 4, rng), Softsign(), Linear(4, 2, rng))
    X, Y = rng.standard_normal((5, 3)), rng.standard_normal((5, 2))
    routes = squared_gradient_routes(net, X, Y)
    first = routes["shortcut"]()
    routes["loop of B passes"]()
    again = routes["shortcut"]()
    assert all(np.array_equal(first[k], again[k]) for k in first)
