"""Bad input to the new methods: a ValueError naming the layer, what it expected and what it got."""
import re

import numpy as np
import pytest

import gradlib
from gradlib import Linear, Sequential, Tanh

B, N0 = 4, 2


def raises(*fragments):
    """Expect a ValueError whose message contains every fragment, in order."""
    return pytest.raises(ValueError, match=".*".join(map(re.escape, fragments)))


def tangent_pass(layer, n_in):
    layer.forward_tangent(np.ones((B, n_in)), np.ones((B, N0, n_in)))
    return layer


def net():
    return Sequential(Linear(3, 2), Tanh())


def test_a_sequence_given_to_a_rank_2_layer_is_named_as_such():
    with raises("Linear(3->2).forward", "x must have shape (B, 3)", "got (5, 4, 3)",
                "time-major sequence (T, B, n)"):
        Linear(3, 2).forward(np.ones((5, B, 3)))


@pytest.mark.parametrize("x_dot_shape", [(B, N0, 2), (B + 1, N0, 3), (B, 3)])
def test_forward_tangent_rejects_a_tangent_of_the_wrong_shape(x_dot_shape):
    with raises("Linear(3->2).forward_tangent", f"x_dot must have shape ({B}, n0, 3)",
                f"got {x_dot_shape}"):
        Linear(3, 2).forward_tangent(np.ones((B, 3)), np.ones(x_dot_shape))


def test_an_activation_checks_its_tangent_against_its_input():
    with raises("Tanh().forward_tangent", f"x_dot must have shape ({B}, n0, 3)", f"got ({B}, {N0}, 2)"):
        Tanh().forward_tangent(np.ones((B, 3)), np.ones((B, N0, 2)))


@pytest.mark.parametrize("layer", [Linear(3, 2), Tanh(), net()], ids=repr)
def test_backward_tangent_after_a_plain_forward_is_refused(layer):
    tangent_pass(layer, 3)
    y = layer.forward(np.ones((B, 3)))  # clears the tangent cache
    with raises("backward_tangent: no tangent cached", "forward_tangent"):
        layer.backward_tangent(np.ones(y.shape), np.ones((B, N0, y.shape[1])))


def test_backward_tangent_before_any_forward_is_refused():
    with raises("Linear(3->2).backward_tangent: no tangent cached"):
        Linear(3, 2).backward_tangent(np.ones((B, 2)), np.ones((B, N0, 2)))


def test_backward_tangent_rejects_dy_of_the_wrong_batch_size():
    layer = tangent_pass(Linear(3, 2), 3)
    with raises("Linear(3->2).backward_tangent", f"dy must have shape ({B}, 2)", f"got ({B + 1}, 2)"):
        layer.backward_tangent(np.ones((B + 1, 2)), np.ones((B, N0, 2)))


def test_backward_tangent_rejects_dy_dot_of_the_wrong_shape():
    layer = tangent_pass(Tanh(), 3)
    with raises("Tanh().backward_tangent", f"dy_dot must have shape ({B}, {N0}, 3)", f"got ({B}, 3, {N0})"):
        layer.backward_tangent(np.ones((B, 3)), np.ones((B, 3, N0)))


def test_per_example_grads_rejects_dy_of_the_wrong_batch_size():
    model = net()
    model.forward(np.ones((B, 3)))
    with raises("Tanh().backward", f"dy must have shape ({B}, 2)", f"got ({B + 1}, 2)"):
        gradlib.per_example_grads(model, np.ones((B + 1, 2)))


def test_sum_grad_squared_rejects_a_1d_dy():
    model = net()
    model.forward(np.ones((B, 3)))
    with raises("Tanh().backward", f"dy must have shape ({B}, 2)", f"got ({B},)"):
        gradlib.sum_grad_squared(model, np.ones(B))


def test_per_example_grads_of_a_layer_need_a_backward_first():
    layer = Linear(3, 2)
    layer.forward(np.ones((B, 3)))
    with raises("Linear(3->2): per-example gradients need forward(x), then backward(dy)"):
        layer.per_example_grads()


def test_jacobian_rejects_x_of_the_wrong_width():
    with raises("Linear(3->2).forward", "x must have shape (B, 3)", f"got ({B}, 4)"):
        gradlib.jacobian(net(), np.ones((B, 4)))
