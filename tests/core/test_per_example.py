"""per_example_grads, sum_grad_squared and jacobian against central differences and autograd."""
import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad, jacobian
from hypothesis import given
from hypothesis import strategies as st

import gradlib
from autograd_models import forward, parameters
from gradlib import check
from gradlib.check import rel_error
from strategies import MARGIN, SETTINGS, arrays, models, sizes

TOL = 1e-10

# A lone activation has no parameters: autograd warns that C does not depend on the empty list.
pytestmark = pytest.mark.filterwarnings("ignore:Output seems independent of input:UserWarning")


def assert_close(got, want):
    assert got.shape == want.shape
    assert rel_error(got, want) <= TOL, f"relative error {rel_error(got, want):.1e}"


def draw_batch(data, model, B):
    """The model and its input ``x: (B, n_in)``, MARGIN away from the kinks at 0."""
    layer, n_in = model
    return layer, data.draw(arrays((B, n_in), margin=MARGIN))


@SETTINGS
@given(data=st.data(), model=models(), B=sizes)
def test_per_example_grads_and_their_squares_match_central_differences(data, model, B):
    layer, x = draw_batch(data, model, B)
    report = check.check_per_example(layer, x)
    assert report.passed, str(report)
    assert len(report) == 2 * len(list(layer.named_parameters()))


@SETTINGS
@given(data=st.data(), model=models(), B=sizes)
def test_jacobian_matches_central_differences(data, model, B):
    layer, x = draw_batch(data, model, B)
    report = check.check_jacobian(layer, x)
    assert report.passed, str(report)


@SETTINGS
@given(data=st.data(), model=models(), B=sizes)
def test_per_example_grads_match_a_loop_of_autograd_grad(data, model, B):
    layer, x = draw_batch(data, model, B)
    dy = data.draw(arrays(layer.forward(x).shape))
    per_example = gradlib.per_example_grads(layer, dy)
    batch_grads = {key: owner.grads[name].copy() for key, owner, name in layer.named_parameters()}
    squares = gradlib.sum_grad_squared(layer, dy)
    f, params = forward(layer), parameters(layer)
    want = [grad(lambda p, b=b: anp.sum(dy[b] * f(x[b:b + 1], p)))(params) for b in range(B)]
    for j, (key, _, _) in enumerate(layer.named_parameters()):
        stacked = np.stack([w[j] for w in want])
        assert_close(per_example[key], stacked)
        assert_close(per_example[key].sum(axis=0), batch_grads[key])
        assert_close(squares[key], np.sum(stacked ** 2, axis=0))


@SETTINGS
@given(data=st.data(), model=models(), B=sizes)
def test_jacobian_matches_autograd_jacobian(data, model, B):
    layer, x = draw_batch(data, model, B)
    J_params, J_x = gradlib.jacobian(layer, x)
    f, params = forward(layer), parameters(layer)
    full = jacobian(lambda x_: f(x_, params))(x)  # (B, K, B, n0): zero across examples
    assert_close(J_x, full[np.arange(B), :, np.arange(B)])
    for j, (key, _, _) in enumerate(layer.named_parameters()):
        def y_of(p, j=j):
            return f(x, params[:j] + [p] + params[j + 1:])
        assert_close(J_params[key], jacobian(y_of)(params[j]))
