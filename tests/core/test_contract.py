"""The contract itself: backward sets grads, L2 adds to them, a tangent pass caches both paths."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradlib import L2, Linear, Sequential, Tanh
from strategies import MARGIN, SETTINGS, arrays, mlps, sizes


def grads(net):
    return {key: layer.grads[name].copy() for key, layer, name in net.named_parameters()}


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes)
def test_backward_sets_grads_and_l2_adds_to_them(data, net, B):
    x = data.draw(arrays((B, net.layers[0].n_in)))
    dy = data.draw(arrays(net.forward(x).shape))
    net.backward(dy)
    first = grads(net)
    net.backward(dy)
    assert all(np.array_equal(first[k], g) for k, g in grads(net).items())  # set, not added
    L2(0.5).backward(net)
    for key, layer, name in net.named_parameters():
        decay = 0.5 * layer.params[name] if name == "W" else 0.0
        np.testing.assert_allclose(layer.grads[name], first[key] + decay, rtol=1e-15, atol=0)


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes, n0=sizes)
def test_a_tangent_pass_also_caches_what_backward_needs(data, net, B, n0):
    n_in = net.layers[0].n_in
    x, x_dot = data.draw(arrays((B, n_in), margin=MARGIN)), data.draw(arrays((B, n0, n_in)))
    y, _ = net.forward_tangent(x, x_dot)
    dy = data.draw(arrays(y.shape))
    dx_after_tangent, after_tangent = net.backward(dy), grads(net)
    np.testing.assert_array_equal(net.forward(x), y)
    np.testing.assert_array_equal(net.backward(dy), dx_after_tangent)
    assert all(np.array_equal(after_tangent[k], g) for k, g in grads(net).items())


def test_keys_number_the_layers_of_a_spliced_sequential():
    net = Sequential(Sequential(Linear(2, 3), Tanh()), Linear(3, 1))
    assert [key for key, _, _ in net.named_parameters()] == ["0.W", "0.b", "2.W", "2.b"]
