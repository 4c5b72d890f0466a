"""Losses: SquaredError and SoftmaxCrossEntropy with both reductions; softmax never overflows."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gradlib import SoftmaxCrossEntropy, SquaredError, check, log_softmax, softmax
from strategies import SETTINGS, arrays, labels, matrices, sizes, strict_floats

reductions = pytest.mark.parametrize("reduction", ["sum", "mean"])


def gradient(loss, target):
    """The function prediction -> dC/dprediction, through the loss's forward and backward."""
    def grad(prediction):
        loss.forward(prediction, target)
        return loss.backward()
    return grad


def check_loss_gradient(loss, prediction, target):
    report = check.check_grad(lambda p: loss.forward(p, target), gradient(loss, target), prediction)
    assert report.passed, str(report)


@reductions
@SETTINGS
@given(data=st.data(), yhat=matrices())
def test_squared_error_gradient_matches_central_differences(reduction, data, yhat):
    check_loss_gradient(SquaredError(reduction), yhat, data.draw(arrays(yhat.shape)))


@reductions
@SETTINGS
@given(data=st.data(), B=sizes, K=st.integers(2, 6))
def test_softmax_cross_entropy_gradient_matches_central_differences(reduction, data, B, K):
    z = data.draw(arrays((B, K), scale=4.0))
    check_loss_gradient(SoftmaxCrossEntropy(reduction), z, data.draw(labels(B, K)))


@SETTINGS
@given(data=st.data(), yhat=matrices())
def test_mean_is_the_sum_divided_by_the_batch_size(data, yhat):
    y, B = data.draw(arrays(yhat.shape)), yhat.shape[0]
    total, mean = SquaredError("sum"), SquaredError("mean")
    assert mean.forward(yhat, y) == pytest.approx(total.forward(yhat, y) / B, rel=1e-14)
    np.testing.assert_allclose(mean.backward(), total.backward() / B, rtol=1e-14)


def test_squared_error_by_hand():
    yhat, y = np.array([[1.0, 2.0], [3.0, 4.0]]), np.zeros((2, 2))
    assert SquaredError("sum").forward(yhat, y) == 30.0
    loss = SquaredError("mean")
    assert loss.forward(yhat, y) == 15.0
    np.testing.assert_array_equal(loss.backward(), yhat)  # 2 * (1/2) * (yhat - y)
    np.testing.assert_array_equal(loss.backward(3.0), 3.0 * yhat)  # the chain-rule factor dC


def test_softmax_cross_entropy_of_equal_logits_is_log_K():
    z, y = np.zeros((3, 4)), np.array([0, 3, 1])
    loss = SoftmaxCrossEntropy("sum")
    assert loss.forward(z, y) == pytest.approx(3 * np.log(4.0), rel=1e-15)
    np.testing.assert_allclose(loss.backward(), 0.25 - np.eye(4)[y], rtol=1e-15)


def test_softmax_cross_entropy_with_huge_logits_is_exact_and_finite():
    z = np.array([[1e4, -1e4, 0.0], [1e4, -1e4, 0.0]])
    y = np.array([0, 1])  # the first row is right with certainty, the second wrong by 2e4
    loss = SoftmaxCrossEntropy("mean")
    with strict_floats():
        C = loss.forward(z, y)
        dz = loss.backward()
    assert C == 1e4  # (0 + 2e4) / 2
    np.testing.assert_array_equal(dz, [[0.0, 0.0, 0.0], [0.5, -0.5, 0.0]])


@SETTINGS
@given(z=matrices(scale=1e4))
def test_softmax_rows_sum_to_one_for_huge_logits(z):
    with strict_floats():
        P, logP = softmax(z), log_softmax(z)
    assert np.all(np.isfinite(logP)) and np.all(logP <= 0.0)
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(np.exp(logP).sum(axis=1), 1.0, rtol=1e-12)


@SETTINGS
@given(z=matrices(), shift=st.floats(-1e3, 1e3))
def test_softmax_ignores_a_constant_added_to_a_row(z, shift):
    np.testing.assert_allclose(softmax(z + shift), softmax(z), rtol=1e-9, atol=1e-15)
