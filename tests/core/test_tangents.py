"""forward_tangent and backward_tangent (double backprop) against central differences and autograd.

Every model is a Linear, an activation alone, or an mlp of both (``strategies.models``), on
random shapes in float64. Autograd computes the input tangent by reverse mode and then
differentiates a cost that contains it: grad of grad.
"""
import autograd.numpy as anp
import pytest
from autograd import grad
from hypothesis import given
from hypothesis import strategies as st

from autograd_models import forward, input_tangent, parameters
from gradlib import check
from gradlib.check import rel_error
from strategies import MARGIN, SETTINGS, arrays, models, sizes

TOL = 1e-10

# Identity's and ReLU's f' are piecewise constant, and autograd says so while computing f''.
pytestmark = pytest.mark.filterwarnings("ignore:Output seems independent of input:UserWarning")


def draw_inputs(data, n_in, B, n0):
    """``x: (B, n_in)``, kept MARGIN away from the kinks at 0, and ``x_dot: (B, n0, n_in)``."""
    return data.draw(arrays((B, n_in), margin=MARGIN)), data.draw(arrays((B, n0, n_in)))


def assert_close(got, want):
    assert got.shape == want.shape
    assert rel_error(got, want) <= TOL, f"relative error {rel_error(got, want):.1e}"


@SETTINGS
@given(data=st.data(), model=models(), B=sizes, n0=sizes)
def test_forward_tangent_matches_central_differences(data, model, B, n0):
    layer, n_in = model
    report = check.check_tangent(layer, *draw_inputs(data, n_in, B, n0))
    assert report.passed, str(report)


@SETTINGS
@given(data=st.data(), model=models(), B=sizes, n0=sizes)
def test_backward_tangent_matches_central_differences(data, model, B, n0):
    layer, n_in = model
    report = check.check_backward_tangent(layer, *draw_inputs(data, n_in, B, n0))
    assert report.passed, str(report)
    assert len(report) == 2 + len(list(layer.named_parameters()))


@SETTINGS
@given(data=st.data(), model=models(), B=sizes, n0=sizes)
def test_forward_tangent_matches_autograd(data, model, B, n0):
    layer, n_in = model
    x, x_dot = draw_inputs(data, n_in, B, n0)
    y, y_dot = layer.forward_tangent(x, x_dot)
    f, params = forward(layer), parameters(layer)
    assert_close(y, f(x, params))
    assert_close(y_dot, input_tangent(f, x, x_dot, params))


@SETTINGS
@given(data=st.data(), model=models(), B=sizes, n0=sizes)
def test_backward_tangent_matches_autograd_grad_of_grad(data, model, B, n0):
    layer, n_in = model
    x, x_dot = draw_inputs(data, n_in, B, n0)
    y, y_dot = layer.forward_tangent(x, x_dot)
    dy, dy_dot = data.draw(arrays(y.shape)), data.draw(arrays(y_dot.shape))
    dx, dx_dot = layer.backward_tangent(dy, dy_dot)
    f = forward(layer)

    def C(x, x_dot, params):
        """A cost with an input-gradient term: the tangent is autograd's own derivative."""
        return anp.sum(dy * f(x, params)) + anp.sum(dy_dot * input_tangent(f, x, x_dot, params))

    params = parameters(layer)
    assert_close(dx, grad(C, 0)(x, x_dot, params))
    assert_close(dx_dot, grad(C, 1)(x, x_dot, params))
    for (_, owner, name), want in zip(layer.named_parameters(), grad(C, 2)(x, x_dot, params)):
        assert_close(owner.grads[name], want)
