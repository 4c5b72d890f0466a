"""Chapter 1's three ways to the same gradients, and the chain rule as a sum over paths.

The scalar loop (gradlib.teach.index_form), the NumPy matrix form and gradlib's layers
(gradlib.teach.matrix_form) are checked against central differences and against HIPS
autograd differentiating a forward pass written here; the paths of
gradlib.teach.chain_paths must add up to the gradient.
"""
import re

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from hypothesis import given
from hypothesis import strategies as st

from gradlib import (Identity, Linear, ReLU, Sequential, Sigmoid, SoftmaxCrossEntropy, SquaredError,
                     Tanh)
from gradlib.teach.chain_paths import chain_paths, parse_quantity, quantity_names
from gradlib.check import numerical_grad, rel_error
from gradlib.teach.dense import dense_layers
from gradlib.teach.index_form import backprop_loop, forward_example
from gradlib.teach.matrix_form import backprop_layers, backprop_matrix
from strategies import SETTINGS, arrays, labels, mlps, sizes
from test_against_autograd import FORMULAS, cross_entropy, squared_error

FORMS = {"loop": backprop_loop, "matrix": backprop_matrix, "layers": backprop_layers}
forms = pytest.mark.parametrize("form", FORMS.values(), ids=FORMS.keys())
reductions = st.sampled_from(["sum", "mean"])
TOL = 1e-10


def n_in(net):
    return net.layers[0].n_in


def n_out(net):
    return net.layers[-2].n_out


def loss_and_target(data, net, B, kind, reduction):
    if kind == "squared error":
        return SquaredError(reduction), data.draw(arrays((B, n_out(net))))
    return SoftmaxCrossEntropy(reduction), data.draw(labels(B, n_out(net)))


def numeric(net, loss, X, target):
    """Central differences of C for every W and b (layer order) and for X."""
    def C(X_):
        return loss.forward(net.forward(X_), target)

    grads = []
    for linear in net.layers[::2]:
        grads.append({})
        for name, p in linear.params.items():
            def C_of_p(p_, p=p):
                old = p.copy()
                p[...] = p_
                value = C(X)
                p[...] = old
                return value
            grads[-1][name] = numerical_grad(C_of_p, p)
    return grads, numerical_grad(C, X)


losses = st.sampled_from(["squared error", "cross-entropy"])


@forms
@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes, kind=losses, reduction=reductions)
def test_each_form_matches_central_differences(form, data, net, B, kind, reduction):
    loss, target = loss_and_target(data, net, B, kind, reduction)
    X = data.draw(arrays((B, n_in(net))))
    C, grads, dX = form(net, loss, X, target)
    want_grads, want_dX = numeric(net, loss, X, target)
    assert C == pytest.approx(loss.forward(net.forward(X), target), rel=1e-12)
    assert rel_error(dX, want_dX) <= 1e-6
    for got, want in zip(grads, want_grads, strict=True):
        assert set(got) == {"W", "b"}
        assert rel_error(got["W"], want["W"]) <= 1e-6
        assert rel_error(got["b"], want["b"]) <= 1e-6


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes, kind=losses, reduction=reductions)
def test_the_three_forms_agree_to_round_off(data, net, B, kind, reduction):
    loss, target = loss_and_target(data, net, B, kind, reduction)
    X = data.draw(arrays((B, n_in(net))))
    (C0, grads0, dX0), *others = [form(net, loss, X, target) for form in FORMS.values()]
    for C, grads, dX in others:
        assert C == pytest.approx(C0, rel=1e-12)
        assert rel_error(dX, dX0) <= TOL
        for got, want in zip(grads, grads0, strict=True):
            assert rel_error(got["W"], want["W"]) <= TOL and rel_error(got["b"], want["b"]) <= TOL


def autograd_cost(params, X, target, activations, kind, reduction):
    """The network's cost written independently in autograd.numpy, per-example column form."""
    A = X
    for (W, b), f in zip(params, activations):
        A = FORMULAS[f](anp.dot(W, A.T).T + b)  # z = W a + b for each example a
    if kind == "squared error":
        return squared_error(A, target, reduction)
    return cross_entropy(A, target, reduction)


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes, kind=losses, reduction=reductions)
def test_the_loop_matches_autograd(data, net, B, kind, reduction):
    loss, target = loss_and_target(data, net, B, kind, reduction)
    X = data.draw(arrays((B, n_in(net))))
    params = [(W.copy(), b.copy()) for W, b, _ in dense_layers(net)]
    activations = [type(f) for _, _, f in dense_layers(net)]
    _, grads, dX = backprop_loop(net, loss, X, target)
    want = grad(autograd_cost)(params, X, target, activations, kind, reduction)
    want_dX = grad(autograd_cost, 1)(params, X, target, activations, kind, reduction)
    assert rel_error(dX, want_dX) <= TOL
    for got, (dW, db) in zip(grads, want, strict=True):
        assert rel_error(got["W"], dW) <= TOL and rel_error(got["b"], db) <= TOL


@SETTINGS
@given(data=st.data(), net=mlps(), kind=losses)
def test_the_paths_add_up_to_every_gradient(data, net, kind):
    loss, target = loss_and_target(data, net, 1, kind, "sum")
    x = data.draw(arrays((n_in(net),)))
    layers = dense_layers(net)
    u, a = forward_example(layers, x)
    _, grads, dX = backprop_layers(net, loss, x[None, :], target)
    dC_daL = loss.backward()[0]
    for name in quantity_names(layers):
        kind_, l, index = parse_quantity(layers, name)
        want = dX[0][index] if kind_ == "x" else grads[l - 1][kind_][index]
        paths = chain_paths(layers, u, a, dC_daL, name)
        assert sum(p.product for p in paths) == pytest.approx(want, rel=1e-9, abs=1e-12)


def test_paths_by_hand_on_a_2_2_1_network():
    """Two paths from x_0 through the two hidden units; one path from a weight of layer 1."""
    net = Sequential(Linear(2, 2, W=[[1.0, 2.0], [3.0, 4.0]], b=[0.0, 0.0]), Identity(),
                     Linear(2, 1, W=[[5.0, 6.0]], b=[0.0]), Identity())
    layers, x = dense_layers(net), np.array([1.0, -1.0])
    u, a = forward_example(layers, x)
    to_x0 = chain_paths(layers, u, a, np.array([1.0]), "x[0]")
    assert [p.product for p in to_x0] == [1.0 * 5.0, 3.0 * 6.0]  # W^1_{i0} W^2_{0i}
    assert [p.units for p in to_x0] == [[(1, 0), (2, 0)], [(1, 1), (2, 0)]]
    [to_w] = chain_paths(layers, u, a, np.array([1.0]), "W^1[1,0]")
    assert to_w.product == 1.0 * 6.0  # a^0_0 W^2_{01}
    assert [label for label, _ in to_w.factors][0] == "a^0_0"


def test_quantity_names_of_a_2_3_1_network():
    net = Sequential(Linear(2, 3), Tanh(), Linear(3, 1), Sigmoid())
    names = quantity_names(dense_layers(net))
    assert len(names) == 6 + 3 + 3 + 1 + 2
    assert names[:2] == ["W^1[0,0]", "W^1[0,1]"] and names[-1] == "x[1]"


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("net", [Sequential(Linear(2, 3)), Sequential(Tanh(), Linear(2, 3)),
                                 Sequential(Linear(2, 3), Linear(3, 1)), Linear(2, 3)], ids=repr)
def test_dense_layers_needs_alternating_linear_and_activation(net):
    with pytest.raises(ValueError, match=r"dense_layers: net must be a Sequential alternating "
                                         r"Linear and Activation layers, Linear first, got"):
        dense_layers(net)


@forms
def test_each_form_rejects_X_with_the_wrong_number_of_inputs(form):
    net = Sequential(Linear(3, 2), ReLU())
    with pytest.raises(ValueError, match=r"must have shape \(B, 3\), got \(4, 2\)"):
        form(net, SquaredError(), np.ones((4, 2)), np.ones((4, 2)))


@forms
def test_each_form_rejects_a_single_example_given_as_a_1d_row(form):
    net = Sequential(Linear(3, 2), ReLU())
    with pytest.raises(ValueError, match=r"must have shape \(B, 3\), got \(3,\)"):
        form(net, SquaredError(), np.ones(3), np.ones((1, 2)))


@pytest.mark.parametrize("name", ["W^3[0,0]", "W^1[2,0]", "b^1[5]", "x[2]", "w1"])
def test_chain_paths_rejects_an_unknown_quantity(name):
    layers = dense_layers(Sequential(Linear(2, 2), Tanh(), Linear(2, 1), Identity()))
    with pytest.raises(ValueError, match=rf"chain_paths: unknown quantity {re.escape(repr(name))}"):
        parse_quantity(layers, name)
