"""Linear: the forward Z = X W^T + 1 b^T and its backward formulas against central differences."""
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradlib import Linear, check
from strategies import SETTINGS, arrays, sizes


@SETTINGS
@given(data=st.data(), B=sizes, n_in=sizes, n_out=sizes)
def test_linear_backward_matches_central_differences(data, B, n_in, n_out):
    layer = Linear(n_in, n_out, W=data.draw(arrays((n_out, n_in))), b=data.draw(arrays((n_out,))))
    report = check.check_layer(layer, data.draw(arrays((B, n_in))))
    assert report.passed, str(report)
    assert [c.name.split()[-1] for c in report] == ["dC/dx", "dW", "db"]


@SETTINGS
@given(data=st.data(), B=sizes, n_in=sizes, n_out=sizes)
def test_linear_forward_is_the_per_example_map_W_a_plus_b(data, B, n_in, n_out):
    W, b = data.draw(arrays((n_out, n_in))), data.draw(arrays((n_out,)))
    x = data.draw(arrays((B, n_in)))
    y = Linear(n_in, n_out, W=W, b=b).forward(x)
    for row in range(B):
        np.testing.assert_allclose(y[row], W @ x[row] + b, rtol=1e-12, atol=1e-12)


def test_linear_default_initialisation_shapes_and_zero_gradients():
    layer = Linear(4, 3, np.random.default_rng(0))
    assert layer.params["W"].shape == (3, 4) and layer.params["W"].dtype == np.float64
    assert np.array_equal(layer.params["b"], np.zeros(3))
    assert all(np.array_equal(layer.grads[k], np.zeros_like(p)) for k, p in layer.params.items())


def test_linear_backward_shapes_and_bias_gradient_by_hand():
    rng = np.random.default_rng(0)
    layer = Linear(4, 3, rng)
    layer.forward(rng.standard_normal((5, 4)))
    dx = layer.backward(np.ones((5, 3)))
    assert dx.shape == (5, 4)
    assert layer.grads["W"].shape == (3, 4) and layer.grads["b"].shape == (3,)
    np.testing.assert_array_equal(layer.grads["b"], np.full(3, 5.0))  # a sum over B = 5 ones


def test_linear_owns_a_copy_of_the_given_parameters():
    W, b = np.ones((2, 3)), np.zeros(2)
    layer = Linear(3, 2, W=W, b=b)
    layer.params["W"] -= 1.0
    layer.params["b"] += 1.0
    assert np.array_equal(W, np.ones((2, 3))) and np.array_equal(b, np.zeros(2))
