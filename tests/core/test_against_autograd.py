"""gradlib's backward against HIPS autograd differentiating forwards written here in anp."""
import autograd.numpy as anp
import numpy as np
import pytest
from autograd import elementwise_grad, grad
from hypothesis import given
from hypothesis import strategies as st

from gradlib import L2, Linear, Sequential, SoftmaxCrossEntropy, SquaredError
from gradlib.check import rel_error
from autograd_models import FORMULAS
from strategies import ACTIVATIONS, MARGIN, SETTINGS, arrays, labels, matrices, sizes

TOL = 1e-10

reductions = pytest.mark.parametrize("reduction", ["sum", "mean"])
alphas = st.floats(0.0, 2.0, allow_subnormal=False)


def assert_close(got, want):
    assert got.shape == want.shape
    assert rel_error(got, want) <= TOL, f"relative error {rel_error(got, want):.1e}"


def reduce(per_example, reduction):
    return anp.sum(per_example) / (per_example.shape[0] if reduction == "mean" else 1)


def squared_error(yhat, y, reduction):
    return reduce(anp.sum((yhat - y) ** 2, axis=1), reduction)


def cross_entropy(z, y, reduction):
    logp = z - anp.log(anp.sum(anp.exp(z), axis=1, keepdims=True))
    return reduce(-logp[np.arange(len(y)), y], reduction)


@SETTINGS
@given(data=st.data(), B=sizes, n_in=sizes, n_out=sizes)
def test_linear(data, B, n_in, n_out):
    x, W, b = (data.draw(arrays(s)) for s in [(B, n_in), (n_out, n_in), (n_out,)])
    dy = data.draw(arrays((B, n_out)))

    def C(x, W, b):
        return anp.sum(dy * (anp.dot(x, W.T) + b))

    layer = Linear(n_in, n_out, W=W, b=b)
    layer.forward(x)
    assert_close(layer.backward(dy), grad(C, 0)(x, W, b))
    assert_close(layer.grads["W"], grad(C, 1)(x, W, b))
    assert_close(layer.grads["b"], grad(C, 2)(x, W, b))


# f' of Identity and ReLU is piecewise constant, and autograd says so while computing f''.
@pytest.mark.filterwarnings("ignore:Output seems independent of input:UserWarning")
@pytest.mark.parametrize("activation", ACTIVATIONS, ids=lambda a: a.__name__)
@SETTINGS
@given(data=st.data(), z=matrices(scale=4.0, margin=MARGIN))
def test_activation(activation, data, z):
    f = FORMULAS[activation]
    dy = data.draw(arrays(z.shape))
    assert_close(activation.f(z), f(z))
    assert_close(activation.df(z), elementwise_grad(f)(z))
    assert_close(activation.d2f(z), elementwise_grad(elementwise_grad(f))(z))
    layer = activation()
    layer.forward(z)
    assert_close(layer.backward(dy), elementwise_grad(lambda z: anp.sum(dy * f(z)))(z))


@reductions
@SETTINGS
@given(data=st.data(), yhat=matrices())
def test_squared_error(reduction, data, yhat):
    y = data.draw(arrays(yhat.shape))
    loss = SquaredError(reduction)
    assert loss.forward(yhat, y) == pytest.approx(squared_error(yhat, y, reduction), rel=TOL)
    assert_close(loss.backward(), grad(squared_error)(yhat, y, reduction))


@reductions
@SETTINGS
@given(data=st.data(), B=sizes, K=st.integers(2, 6))
def test_softmax_cross_entropy(reduction, data, B, K):
    z, y = data.draw(arrays((B, K), scale=4.0)), data.draw(labels(B, K))
    loss = SoftmaxCrossEntropy(reduction)
    assert loss.forward(z, y) == pytest.approx(cross_entropy(z, y, reduction), rel=TOL)
    assert_close(loss.backward(), grad(cross_entropy)(z, y, reduction))


def mlp_params(data, widths):
    """[W1, b1, W2, b2, ...] for the given layer widths n_0, n_1, ..., n_L."""
    params = []
    for n_in, n_out in zip(widths, widths[1:]):
        params += [data.draw(arrays((n_out, n_in))), data.draw(arrays((n_out,)))]
    return params


def linears(params):
    """The gradlib Linear layers holding [W1, b1, W2, b2, ...]."""
    return [Linear(W.shape[1], W.shape[0], W=W, b=b) for W, b in zip(params[0::2], params[1::2])]


@SETTINGS
@given(data=st.data(), widths=st.lists(sizes, min_size=2, max_size=4), alpha=alphas)
def test_l2(data, widths, alpha):
    params = mlp_params(data, widths)

    def R(params):
        return alpha / 2 * sum(anp.sum(W ** 2) for W in params[0::2])

    net = Sequential(*linears(params))
    assert L2(alpha).forward(net) == pytest.approx(R(params), rel=TOL)
    net.zero_grad()
    L2(alpha).backward(net)
    want = grad(R)(params)
    for (_, layer, name), g in zip(net.named_parameters(), want):
        assert_close(layer.grads[name], g)


@SETTINGS
@given(data=st.data(), B=sizes, widths=st.lists(sizes, min_size=3, max_size=3), K=st.integers(2, 5),
       hidden=st.tuples(st.sampled_from(ACTIVATIONS), st.sampled_from(ACTIVATIONS)),
       reduction=st.sampled_from(["sum", "mean"]), alpha=alphas)
def test_two_hidden_layer_classifier_with_l2(data, B, widths, K, hidden, reduction, alpha):
    x, y = data.draw(arrays((B, widths[0]))), data.draw(labels(B, K))
    params = mlp_params(data, widths + [K])
    f1, f2 = (FORMULAS[a] for a in hidden)

    def C(x, W1, b1, W2, b2, W3, b3):
        A1 = f1(anp.dot(x, W1.T) + b1)
        A2 = f2(anp.dot(A1, W2.T) + b2)
        Z3 = anp.dot(A2, W3.T) + b3
        R = alpha / 2 * (anp.sum(W1 ** 2) + anp.sum(W2 ** 2) + anp.sum(W3 ** 2))
        return cross_entropy(Z3, y, reduction) + R

    first, second, last = linears(params)
    net = Sequential(first, hidden[0](), second, hidden[1](), last)
    loss, penalty = SoftmaxCrossEntropy(reduction), L2(alpha)
    cost = loss.forward(net.forward(x), y) + penalty.forward(net)
    dx = net.backward(loss.backward())
    penalty.backward(net)

    assert cost == pytest.approx(C(x, *params), rel=TOL)
    assert_close(dx, grad(C, 0)(x, *params))
    for argnum, (_, layer, name) in enumerate(net.named_parameters(), start=1):
        assert_close(layer.grads[name], grad(C, argnum)(x, *params))
