"""The checkers of the new derivatives pass right formulas and fail each a wrong one, naming the line."""
import numpy as np

from gradlib import Linear, Sequential, Tanh, check

rng = np.random.default_rng(0)
B, N0 = 4, 2


class TanhWithoutSecondDerivative(Tanh):
    """Double backprop that forgets the path through f'(x) in y_dot (the f'' term)."""

    def backward_tangent(self, dy, dy_dot):
        dy, dy_dot = self._check_tangent_adjoints(dy, dy_dot)
        x = self.cache["x"]
        return dy * self.df(x), dy_dot * self.df(x)[:, None, :]


class LinearWithBiasInTangent(Linear):
    """A tangent that wrongly carries the bias: b does not depend on the input."""

    def forward_tangent(self, x, x_dot):
        y, y_dot = super().forward_tangent(x, x_dot)
        self.cache["y_dot"] = y_dot + self.params["b"]
        return y, self.cache["y_dot"]


class LinearSquaringTheSum(Linear):
    """Sum of squares taken as the square of the batch gradient: wrong for B > 1."""

    def sum_grad_squared(self):
        x, dy = self._per_example_cache()
        return {"W": (dy.T @ x) ** 2, "b": dy.sum(axis=0) ** 2}


class LinearWithBatchJacobian(Linear):
    """Per-example gradients replaced by the batch sum, as 'one backward per output' would give."""

    def per_example_grads(self):
        g = super().per_example_grads()
        return {k: np.broadcast_to(v.sum(axis=0), v.shape).copy() for k, v in g.items()}


def failing(report):
    return [line for line in str(report).splitlines() if line.startswith("FAIL")]


def inputs(n_in):
    return rng.standard_normal((B, n_in)), rng.standard_normal((B, N0, n_in))


def test_check_tangent_passes_a_network_and_fails_a_bias_in_the_tangent():
    net = Sequential(Linear(3, 4, rng, b=rng.standard_normal(4)), Tanh(), Linear(4, 2, rng))
    assert check.check_tangent(net, *inputs(3)).passed
    report = check.check_tangent(LinearWithBiasInTangent(3, 2, rng, b=np.ones(2)), *inputs(3))
    assert [c.passed for c in report] == [True, False]
    assert failing(report)[0].startswith("FAIL Linear(3->2) y_dot: relative error")


def test_check_backward_tangent_fails_a_missing_second_derivative_term_in_dx_only():
    assert check.check_backward_tangent(Tanh(), *inputs(3)).passed
    report = check.check_backward_tangent(TanhWithoutSecondDerivative(), *inputs(3))
    assert [c.passed for c in report] == [False, True]
    assert failing(report)[0].startswith("FAIL TanhWithoutSecondDerivative() dC/dx: relative error")


def test_check_backward_tangent_fails_the_missing_term_inside_a_network_at_the_weights():
    net = Sequential(Linear(3, 4, rng), TanhWithoutSecondDerivative(), Linear(4, 2, rng))
    report = check.check_backward_tangent(net, *inputs(3))
    assert not report.passed
    assert any(line.startswith("FAIL [0.W] Linear(3->4) dW") for line in failing(report))


def test_check_per_example_fails_the_square_of_the_sum():
    assert check.check_per_example(Linear(3, 2, rng), rng.standard_normal((B, 3))).passed
    report = check.check_per_example(LinearSquaringTheSum(3, 2, rng), rng.standard_normal((B, 3)))
    assert [c.passed for c in report] == [True, False, True, False]
    assert all("sum of squares" in line for line in failing(report))


def test_check_jacobian_fails_batch_summed_jacobians():
    assert check.check_jacobian(Linear(3, 2, rng), rng.standard_normal((B, 3))).passed
    report = check.check_jacobian(LinearWithBatchJacobian(3, 2, rng), rng.standard_normal((B, 3)))
    assert [c.passed for c in report] == [True, False, False]
    assert failing(report)[0].startswith("FAIL [W] Linear(3->2) J_W")
