"""Chapter 3: Ukkonen's entry-by-entry Jacobian (delta recursion) and the two modes of the input Jacobian.

Each is checked against central differences of the network's output, against HIPS
autograd's ``jacobian`` of a forward pass written in autograd.numpy, and against
gradlib's ``jacobian`` and ``per_example_grads``.
"""
import numpy as np
import pytest
from autograd import jacobian
from hypothesis import given
from hypothesis import strategies as st

import gradlib
from core.autograd_models import forward, parameters
from gradlib import Linear, ReLU, Sequential, Sigmoid, Tanh
from gradlib.check import numerical_jacobian, rel_error
from gradlib.teach.general_gradient import (batch_entry_jacobian, delta_matrices, entry_jacobian,
                                            local_fields)
from gradlib.teach.dense import dense_layers
from gradlib.teach.jacobian_modes import input_jacobian_forward, input_jacobian_reverse
from strategies import MARGIN, SETTINGS, arrays, mlps, sizes

TOL = 1e-10


def assert_close(got, want, tol=TOL):
    assert got.shape == want.shape, (got.shape, want.shape)
    assert rel_error(got, want) <= tol, f"relative error {rel_error(got, want):.1e}"


def smooth(net):
    """ReLU's kink makes central differences meaningless near 0; the margin keeps x away, not v."""
    return not any(isinstance(layer, ReLU) for layer in net.layers)


@SETTINGS
@given(data=st.data(), net=mlps())
def test_entry_jacobian_matches_central_differences(data, net):
    x = data.draw(arrays((net.layers[0].n_in,), margin=MARGIN))
    J_params, J_x = entry_jacobian(net, x)
    if not smooth(net):
        return
    assert_close(J_x, numerical_jacobian(lambda x_: net.forward(x_[None])[0], x), 1e-7)
    for key, layer, name in net.named_parameters():
        p = layer.params[name]

        def y_of(p_, p=p):
            old = p.copy()
            p[...] = p_
            y = net.forward(x[None])[0]
            p[...] = old
            return y
        assert_close(J_params[key], numerical_jacobian(y_of, p.copy()), 1e-7)


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes)
def test_entry_jacobian_matches_autograd_and_gradlib_jacobian(data, net, B):
    X = data.draw(arrays((B, net.layers[0].n_in), margin=MARGIN))
    E_params, E_x = batch_entry_jacobian(net, X)
    G_params, G_x = gradlib.jacobian(net, X)
    f, params = forward(net), parameters(net)
    full = jacobian(lambda x_: f(x_, params))(X)
    assert_close(E_x, full[np.arange(B), :, np.arange(B)])
    assert_close(E_x, G_x)
    assert E_params.keys() == G_params.keys()
    for key in G_params:
        assert_close(E_params[key], G_params[key])


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes)
def test_per_example_grads_are_jacobian_rows_contracted_with_dC_dy(data, net, B):
    X = data.draw(arrays((B, net.layers[0].n_in), margin=MARGIN))
    E_params, _ = batch_entry_jacobian(net, X)
    dy = data.draw(arrays(net.forward(X).shape))
    per_example = gradlib.per_example_grads(net, dy)
    for key, J in E_params.items():
        assert_close(per_example[key], np.einsum("bk,bk...->b...", dy, J))


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes)
def test_forward_and_reverse_mode_give_the_same_input_jacobian(data, net, B):
    X = data.draw(arrays((B, net.layers[0].n_in), margin=MARGIN))
    _, want = gradlib.jacobian(net, X)
    assert_close(input_jacobian_reverse(net, X), want)
    assert_close(input_jacobian_forward(net, X), want)


def test_delta_recursion_uses_each_layers_own_activation_and_no_transpose():
    """A non-square network with three different activations: a swapped f' or a W^T breaks it."""
    rng = np.random.default_rng(0)
    net = Sequential(Linear(2, 5, rng, b=rng.normal(size=5)), Tanh(),
                     Linear(5, 3, rng, b=rng.normal(size=3)), Sigmoid())
    layers = dense_layers(net)
    x = rng.normal(size=2)
    v, _ = local_fields(layers, x)
    d1, d2 = delta_matrices(layers, v)
    assert d1.shape == (3, 5) and d2.shape == (3, 3)
    y_of_v1 = lambda v1: Sigmoid.f(layers[1][0] @ Tanh.f(v1) + layers[1][1])  # noqa: E731
    assert_close(d1, numerical_jacobian(y_of_v1, v[0]), 1e-8)


def test_bad_input_names_the_function_and_the_shapes():
    net = Sequential(Linear(2, 3), Tanh())
    with pytest.raises(ValueError, match=r"entry_jacobian: x must have shape \(2,\), got \(3,\)"):
        entry_jacobian(net, np.zeros(3))
    with pytest.raises(ValueError, match=r"batch_entry_jacobian: X must have shape \(B, 2\)"):
        batch_entry_jacobian(net, np.zeros(2))
    with pytest.raises(ValueError, match="entry_jacobian: x must be a float array"):
        entry_jacobian(net, np.zeros(2, dtype=int))
    with pytest.raises(ValueError, match="dense_layers"):
        entry_jacobian(Sequential(Linear(2, 3)), np.zeros(2))
    with pytest.raises(ValueError, match="contains nan"):
        input_jacobian_forward(net, np.full((1, 2), np.nan))
