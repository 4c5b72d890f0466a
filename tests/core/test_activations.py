"""Activations: backward dZ = dA * f'(Z), and f', f'' against central differences; saturation."""
import numpy as np
import pytest
from hypothesis import given

from gradlib import ReLU, Sigmoid, Softsign, Tanh, check
from strategies import ACTIVATIONS, MARGIN, SETTINGS, matrices, strict_floats

by_name = pytest.mark.parametrize("activation", ACTIVATIONS, ids=lambda a: a.__name__)


@by_name
@SETTINGS
@given(z=matrices(margin=MARGIN))
def test_backward_matches_central_differences(activation, z):
    report = check.check_layer(activation(), z)
    assert report.passed, str(report)


@by_name
@SETTINGS
@given(z=matrices(scale=4.0, margin=MARGIN))
def test_first_and_second_derivatives_match_central_differences(activation, z):
    report = check.check_derivatives(activation.f, z, [activation.df, activation.d2f])
    assert report.passed, str(report)
    assert len(report) == 2


def test_relu_takes_zero_derivative_at_zero():
    z = np.array([[-1.0, 0.0, 2.0]])
    np.testing.assert_array_equal(ReLU.df(z), [[0.0, 0.0, 1.0]])


def test_softsign_derivatives_at_one_by_hand():
    z = np.array([[1.0, -1.0]])
    np.testing.assert_array_equal(Softsign.f(z), [[0.5, -0.5]])
    np.testing.assert_array_equal(Softsign.df(z), [[0.25, 0.25]])
    np.testing.assert_array_equal(Softsign.d2f(z), [[-0.25, 0.25]])


def test_sigmoid_saturates_exactly_without_overflow():
    z = np.array([[-1e3, -40.0, 0.0, 40.0, 1e3]])
    with strict_floats():
        s, ds, d2s = Sigmoid.f(z), Sigmoid.df(z), Sigmoid.d2f(z)
    np.testing.assert_array_equal(s[0, [0, 2, 4]], [0.0, 0.5, 1.0])
    assert s[0, 1] == pytest.approx(np.exp(-40.0), rel=1e-12)  # tiny, yet accurate
    np.testing.assert_array_equal(ds[0, [0, 2, 4]], [0.0, 0.25, 0.0])
    np.testing.assert_array_equal(d2s[0, [0, 2, 4]], [0.0, 0.0, 0.0])
    assert np.all(np.isfinite(ds)) and np.all(np.isfinite(d2s))


def test_tanh_saturates_without_overflow():
    z = np.array([[-1e3, 1e3]])
    with strict_floats():
        np.testing.assert_array_equal(Tanh.f(z), [[-1.0, 1.0]])
        np.testing.assert_array_equal(Tanh.df(z), [[0.0, 0.0]])
