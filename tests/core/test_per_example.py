"""per_example_grads, sum_grad_squared and jacobian against central differences and autograd,
after backward and after backward_tangent (where a weight also reaches the cost through the tangent)."""
import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad, jacobian
from hypothesis import given
from hypothesis import strategies as st

import gradlib
from autograd_models import forward, input_tangent, parameters
from gradlib import Linear, check
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


# After backward_tangent (double backprop), a weight reaches each example's cost along two paths,
# the output and its tangent, so the per-example gradients and their squares include both
# (Chapter 5, the exact squared gradient with tangents).


def draw_tangent_pass(data, model, B, n0):
    """Run forward_tangent, then backward_tangent with random adjoints; return the inputs and adjoints."""
    layer, n_in = model
    x, x_dot = data.draw(arrays((B, n_in), margin=MARGIN)), data.draw(arrays((B, n0, n_in)))
    y, y_dot = layer.forward_tangent(x, x_dot)
    dy, dy_dot = data.draw(arrays(y.shape)), data.draw(arrays(y_dot.shape))
    layer.backward_tangent(dy, dy_dot)
    return layer, x, x_dot, dy, dy_dot


def loop_over_examples(layer, x, x_dot, dy, dy_dot):
    """``{key: (B, *shape)}``: gradlib's double backprop on one example at a time, ``grads`` stacked."""
    rows = {key: [] for key, _, _ in layer.named_parameters()}
    for b in range(x.shape[0]):
        layer.forward_tangent(x[b:b + 1], x_dot[b:b + 1])
        layer.backward_tangent(dy[b:b + 1], dy_dot[b:b + 1])
        for key, owner, name in layer.named_parameters():
            rows[key].append(owner.grads[name].copy())
    return {key: np.stack(g) for key, g in rows.items()}


@SETTINGS
@given(data=st.data(), model=models(), B=sizes, n0=sizes)
def test_per_example_grads_after_backward_tangent_match_a_loop_over_examples(data, model, B, n0):
    layer, x, x_dot, dy, dy_dot = draw_tangent_pass(data, model, B, n0)
    batch_grads = {key: owner.grads[name].copy() for key, owner, name in layer.named_parameters()}
    per_example, squares = layer.per_example_grads(), layer.sum_grad_squared()
    loop = loop_over_examples(layer, x, x_dot, dy, dy_dot)
    for key in batch_grads:
        assert_close(per_example[key], loop[key])
        assert_close(per_example[key].sum(axis=0), batch_grads[key])
        assert_close(squares[key], np.sum(loop[key] ** 2, axis=0))


@SETTINGS
@given(data=st.data(), model=models(), B=sizes, n0=sizes)
def test_per_example_grads_after_backward_tangent_match_autograd_grad_of_grad(data, model, B, n0):
    layer, x, x_dot, dy, dy_dot = draw_tangent_pass(data, model, B, n0)
    per_example, squares = layer.per_example_grads(), layer.sum_grad_squared()
    f, params = forward(layer), parameters(layer)

    def C_b(p, b):
        """Example b's cost: its output and its input tangent (autograd's own), each paired with an adjoint."""
        rows = slice(b, b + 1)
        return (anp.sum(dy[rows] * f(x[rows], p))
                + anp.sum(dy_dot[rows] * input_tangent(f, x[rows], x_dot[rows], p)))

    want = [grad(C_b)(params, b) for b in range(B)]
    for j, (key, _, _) in enumerate(layer.named_parameters()):
        stacked = np.stack([w[j] for w in want])
        assert_close(per_example[key], stacked)
        assert_close(squares[key], np.sum(stacked ** 2, axis=0))


def test_vijay_14_and_the_one_matmul_shortcut_are_not_the_squared_gradients_with_tangents():
    rng = np.random.default_rng(0)
    B, n0, n_in, n_out = 6, 3, 4, 2
    layer = Linear(n_in, n_out, rng, b=rng.standard_normal(n_out))
    x, x_dot = rng.standard_normal((B, n_in)), rng.standard_normal((B, n0, n_in))
    dy, dy_dot = rng.standard_normal((B, n_out)), rng.standard_normal((B, n0, n_out))
    loop = loop_over_examples(layer, x, x_dot, dy, dy_dot)
    exact = np.sum(loop["W"] ** 2, axis=0)
    layer.forward_tangent(x, x_dot)
    layer.backward_tangent(dy, dy_dot)
    squares = layer.sum_grad_squared()
    assert_close(squares["W"], exact)
    assert_close(squares["b"], np.sum(dy ** 2, axis=0))   # Vijay (17): the bias does not reach the tangent
    assert_close(np.sum(loop["b"] ** 2, axis=0), squares["b"])
    tangent_path = np.einsum("bzy,bzx->byx", dy_dot, x_dot)   # sum over z, one matrix per example
    value_path = np.einsum("by,bx->byx", dy, x)
    as_printed = np.sum(tangent_path ** 2, axis=0) + np.sum(value_path, axis=0)   # Vijay (14)
    both_squared = np.sum(tangent_path ** 2 + value_path ** 2, axis=0)             # no cross term
    one_matmul = (dy ** 2).T @ (x ** 2)                                             # Vijay (7)
    for wrong in (as_printed, both_squared, one_matmul):
        assert rel_error(wrong, exact) > 1e-2
    assert_close(both_squared + 2 * np.sum(tangent_path * value_path, axis=0), exact)


@SETTINGS
@given(data=st.data(), model=models(), B=sizes, n0=sizes)
def test_a_plain_backward_after_backward_tangent_has_no_tangent_path(data, model, B, n0):
    layer, x, x_dot, dy, dy_dot = draw_tangent_pass(data, model, B, n0)
    layer.backward(dy)
    after, squares = layer.per_example_grads(), layer.sum_grad_squared()
    layer.forward(x)
    want = gradlib.per_example_grads(layer, dy)
    for key, _, _ in layer.named_parameters():
        assert_close(after[key], want[key])
        assert_close(squares[key], np.sum(want[key] ** 2, axis=0))
