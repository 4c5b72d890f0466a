"""gradlib.teach.softmax_layer: the Jacobian diag(p) - p p^T and the Softmax layer's backward (Chapter 2).

Checked against central differences on random shapes, against HIPS autograd
differentiating a softmax written here, and on bad input.
"""
import re

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad, jacobian
from hypothesis import given
from hypothesis import strategies as st

from gradlib import SoftmaxCrossEntropy, check, softmax
from gradlib.teach.softmax_layer import Softmax, softmax_jacobian
from strategies import SETTINGS, arrays, labels, sizes, strict_floats

TOL = 1e-10
classes = st.integers(2, 6)


def softmax_row(z):
    """The textbook softmax of one row, in autograd's numpy."""
    e = anp.exp(z - anp.max(z))
    return e / anp.sum(e)


@SETTINGS
@given(data=st.data(), B=sizes, K=classes)
def test_jacobian_matches_central_differences(data, B, K):
    Z = data.draw(arrays((B, K), scale=4.0))
    J = softmax_jacobian(softmax(Z))
    assert J.shape == (B, K, K)
    for b in range(B):
        for i in range(K):
            numeric = check.numerical_grad(lambda z_: softmax(z_[None, :])[0, i], Z[b])
            assert check.rel_error(J[b, i], numeric) <= 1e-7


@SETTINGS
@given(data=st.data(), B=sizes, K=classes)
def test_jacobian_matches_autograd(data, B, K):
    Z = data.draw(arrays((B, K), scale=4.0))
    J = softmax_jacobian(softmax(Z))
    for b in range(B):
        assert check.rel_error(J[b], jacobian(softmax_row)(Z[b])) <= TOL


@SETTINGS
@given(data=st.data(), B=sizes, K=classes)
def test_jacobian_is_symmetric_with_rows_summing_to_zero(data, B, K):
    J = softmax_jacobian(softmax(data.draw(arrays((B, K), scale=4.0))))
    np.testing.assert_allclose(J, np.swapaxes(J, 1, 2), atol=1e-15)
    np.testing.assert_allclose(J.sum(axis=2), 0.0, atol=1e-15)


@SETTINGS
@given(data=st.data(), B=sizes, K=classes)
def test_softmax_layer_backward_matches_central_differences(data, B, K):
    report = check.check_layer(Softmax(), data.draw(arrays((B, K), scale=4.0)))
    assert report.passed, str(report)


@SETTINGS
@given(data=st.data(), B=sizes, K=classes)
def test_softmax_layer_backward_matches_autograd(data, B, K):
    Z, dP = data.draw(arrays((B, K), scale=4.0)), data.draw(arrays((B, K)))

    def C(Z):
        return anp.sum(dP * anp.stack([softmax_row(z) for z in Z]))

    layer = Softmax()
    layer.forward(Z)
    assert check.rel_error(layer.backward(dP), grad(C)(Z)) <= TOL


@SETTINGS
@given(data=st.data(), B=sizes, K=classes)
def test_backward_is_the_jacobian_product(data, B, K):
    """Eq. (softmax-backward) is J^T dP per example, without forming J."""
    Z, dP = data.draw(arrays((B, K), scale=4.0)), data.draw(arrays((B, K)))
    layer = Softmax()
    P = layer.forward(Z)
    want = np.einsum("bij,bi->bj", softmax_jacobian(P), dP)
    assert check.rel_error(layer.backward(dP), want) <= TOL


@SETTINGS
@given(data=st.data(), B=sizes, K=classes)
def test_unfused_softmax_then_cross_entropy_equals_the_fused_gradient(data, B, K):
    """-Y/(B P) through the Softmax layer is (P - Y)/B, eq. (fused-gradient)."""
    Z, y = data.draw(arrays((B, K), scale=4.0)), data.draw(labels(B, K))
    layer, loss = Softmax(), SoftmaxCrossEntropy("mean")
    P = layer.forward(Z)
    loss.forward(Z, y)
    unfused = layer.backward(-np.eye(K)[y] / P / B)
    assert check.rel_error(unfused, loss.backward()) <= TOL


def test_huge_logits_stay_finite():
    with strict_floats():
        layer = Softmax()
        P = layer.forward(np.array([[1000.0, 0.0, -1000.0]]))
        J = softmax_jacobian(P)
        dz = layer.backward(np.ones((1, 3)))
    assert np.all(np.isfinite(J)) and np.all(np.isfinite(dz))
    np.testing.assert_allclose(P, [[1.0, 0.0, 0.0]])


def raises(*fragments):
    return pytest.raises(ValueError, match=".*".join(map(re.escape, fragments)))


def test_jacobian_rejects_one_row_as_a_vector():
    with raises("softmax_jacobian", "P must have shape (B, n)", "got (3,)"):
        softmax_jacobian(np.array([0.2, 0.3, 0.5]))


def test_jacobian_rejects_non_finite_probabilities():
    with raises("softmax_jacobian", "P contains nan"):
        softmax_jacobian(np.array([[np.nan, 1.0]]))


def test_softmax_layer_rejects_a_transposed_adjoint():
    layer = Softmax()
    layer.forward(np.zeros((4, 3)))
    with raises("Softmax().backward", "dy must have shape (4, 3)", "got (3, 4)"):
        layer.backward(np.zeros((3, 4)))


def test_softmax_layer_backward_before_forward():
    with raises("Softmax()", "backward called before forward"):
        Softmax().backward(np.zeros((1, 2)))


def test_softmax_layer_rejects_integer_logits():
    with raises("Softmax().forward", "x must be a float array", "int64"):
        Softmax().forward(np.zeros((2, 3), dtype=np.int64))
