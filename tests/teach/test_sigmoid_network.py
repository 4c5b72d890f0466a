"""Chapter 4, Part A: the saturation sweep of a sigmoid network (gradlib.teach.sigmoid_network).

Every cost, gradient norm and smallest pre-activation of ``saturation_sweep`` is checked
against the scaled network's cost written here in NumPy, with central differences for
its gradients, and against HIPS autograd differentiating the same cost in autograd.numpy.
The sweep must leave the network it is given unchanged.
"""
import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from hypothesis import given
from hypothesis import strategies as st

from gradlib import Linear, Sequential, Sigmoid, SquaredError, Tanh
from gradlib.check import numerical_grad, rel_error
from gradlib.teach.dense import dense_layers
from gradlib.teach.sigmoid_network import saturation_sweep, scaled_network
from strategies import SETTINGS, arrays, mlps, sizes

scale_lists = st.lists(st.floats(0.1, 8.0), min_size=1, max_size=4)


def sigmoid_nets(max_depth=3):
    """A Sequential of 1..max_depth Linear layers of random widths, each followed by a Sigmoid."""
    return mlps(max_depth, activations=(Sigmoid,))


@st.composite
def problems(draw):
    """``(net, X, Y, scales)``: a sigmoid network, a batch, targets and a few scales."""
    net = draw(sigmoid_nets())
    layers, B = dense_layers(net), draw(sizes)
    X = draw(arrays((B, layers[0][0].shape[1])))
    Y = draw(arrays((B, layers[-1][0].shape[0])))
    return net, X, Y, np.array(draw(scale_lists))


def scaled_params(net, s):
    """``[s W^1, s b^1, ..., s W^L, s b^L]``: the parameters of the scaled network."""
    return [s * p for W, b, _ in dense_layers(net) for p in (W, b)]


def sigmoid_cost(params, X, Y):
    """C = sum_{b,i} (A^L_bi - Y_bi)^2 of a sigmoid network, written out in autograd.numpy."""
    A = X
    for W, b in zip(params[::2], params[1::2]):
        A = 1.0 / (1.0 + anp.exp(-(anp.dot(A, W.T) + b)))
    return anp.sum((A - Y) ** 2)


def pre_activations(params, X):
    """``[Z^1, ..., Z^L]`` of the same network."""
    A, Z = X, []
    for W, b in zip(params[::2], params[1::2]):
        Z.append(A @ W.T + b)
        A = 1.0 / (1.0 + np.exp(-Z[-1]))
    return Z


@SETTINGS
@given(problem=problems())
def test_the_sweep_matches_central_differences_of_the_scaled_cost(problem):
    net, X, Y, scales = problem
    costs, grad_norms, z_min = saturation_sweep(net, X, Y, scales)
    L = len(dense_layers(net))
    assert costs.shape == scales.shape and grad_norms.shape == z_min.shape == (len(scales), L)
    for k, s in enumerate(scales):
        params = scaled_params(net, s)
        assert costs[k] == pytest.approx(sigmoid_cost(params, X, Y), rel=1e-12)
        for l, Z in enumerate(pre_activations(params, X)):
            assert z_min[k, l] == pytest.approx(np.abs(Z).min(), rel=1e-12, abs=1e-15)

            def C_of_W(W, l=l):
                return sigmoid_cost(params[:2 * l] + [W] + params[2 * l + 1:], X, Y)
            numeric = np.linalg.norm(numerical_grad(C_of_W, params[2 * l]))
            # round-off of a central difference: about 1e-16 C / h per entry, h = 1e-6
            assert grad_norms[k, l] == pytest.approx(numeric, rel=1e-6, abs=1e-8 * (1.0 + costs[k]))


@SETTINGS
@given(problem=problems())
def test_the_sweep_matches_autograd(problem):
    net, X, Y, scales = problem
    _, grad_norms, _ = saturation_sweep(net, X, Y, scales)
    for k, s in enumerate(scales):
        want = grad(sigmoid_cost)(scaled_params(net, s), X, Y)[::2]   # dC/dW^l, l = 1..L
        got = grad_norms[k]
        assert rel_error(got, [np.linalg.norm(g) for g in want]) <= 1e-10


def test_scale_one_is_the_network_itself_and_the_network_is_not_changed():
    rng = np.random.default_rng(0)
    net = Sequential(Linear(3, 4, rng, b=rng.normal(size=4)), Sigmoid(), Linear(4, 2, rng), Sigmoid())
    before = [p.copy() for p in scaled_params(net, 1.0)]
    X, Y = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2))
    costs, grad_norms, _ = saturation_sweep(net, X, Y, np.array([1.0, 3.0]))
    assert all(np.array_equal(p, q) for p, q in zip(before, scaled_params(net, 1.0), strict=True))
    loss = SquaredError("sum")
    assert costs[0] == loss.forward(net.forward(X), Y)
    net.backward(loss.backward())
    assert np.array_equal(grad_norms[0], [np.linalg.norm(lin.grads["W"]) for lin in net.layers[::2]])


def test_scaled_network_copies_the_parameters_and_keeps_each_activation():
    net = Sequential(Linear(2, 3, W=np.ones((3, 2)), b=np.arange(3.0)), Tanh(), Linear(3, 1), Sigmoid())
    scaled = scaled_network(net, 2.0)
    assert [type(layer) for layer in scaled.layers] == [Linear, Tanh, Linear, Sigmoid]
    assert np.array_equal(scaled.layers[0].params["W"], 2.0 * np.ones((3, 2)))
    assert np.array_equal(scaled.layers[0].params["b"], [0.0, 2.0, 4.0])
    scaled.layers[0].params["W"][...] = 7.0
    assert np.array_equal(net.layers[0].params["W"], np.ones((3, 2)))


# ---------------------------------------------------------------- bad input

NET = Sequential(Linear(3, 2), Sigmoid())
X3, Y2 = np.ones((4, 3)), np.ones((4, 2))


@pytest.mark.parametrize("scales, message", [
    (np.array([1.0, 0.0]), r"saturation_sweep: scales must be positive, got 0.0 at index 1"),
    (np.array([2.0, -1.0]), r"saturation_sweep: scales must be positive, got -1.0 at index 1"),
    (np.ones((2, 1)), r"saturation_sweep: scales must have shape \(S,\), got \(2, 1\)"),
    ([1.0, 2.0], r"saturation_sweep: scales must be a NumPy array of shape \(S,\), got list"),
])
def test_the_sweep_rejects_bad_scales(scales, message):
    with pytest.raises(ValueError, match=message):
        saturation_sweep(NET, X3, Y2, scales)


def test_the_sweep_names_the_layer_that_rejects_a_batch_of_the_wrong_width():
    message = r"Linear\(3->2\)\.forward: x must have shape \(B, 3\), got \(4, 2\)"
    with pytest.raises(ValueError, match=message):
        saturation_sweep(NET, np.ones((4, 2)), Y2, np.array([1.0]))


def test_the_sweep_needs_a_dense_network():
    with pytest.raises(ValueError, match=r"dense_layers: net must be a Sequential alternating"):
        saturation_sweep(Sequential(Linear(3, 2)), X3, Y2, np.array([1.0]))
