"""The gradient checkers: reports that must be able to FAIL (the learners' check: test_exercise_checker.py)."""
import numpy as np
import pytest

from gradlib import Linear, Sequential, SquaredError, Tanh, check

B = 8
rng = np.random.default_rng(0)


class DxWithWTransposed(Linear):
    """A broken Linear: dx = dy W^T instead of dy W (both shapes agree when W is square)."""

    def backward(self, dy):
        super().backward(dy)
        return dy @ self.params["W"].T


class DWTransposed(Linear):
    """A broken Linear: dW = x^T dy instead of dy^T x."""

    def backward(self, dy):
        dx = super().backward(dy)
        self.grads["W"] = self.cache["x"].T @ dy
        return dx


class MeanWithoutOneOverB(SquaredError):
    """A broken mean squared error: its backward forgets the 1/B of the forward."""

    def backward(self, dC=1.0):
        return super().backward(dC) * self.cache["r"].shape[0]


def test_check_layer_passes_a_correct_linear():
    layer = Linear(4, 3, rng, b=rng.standard_normal(3))
    report = check.check_layer(layer, rng.standard_normal((B, 4)))
    assert report.passed and report.max_rel_error < 1e-8
    assert str(report).count("ok  ") == 3 and "FAIL" not in str(report)


def test_check_layer_fails_dx_computed_with_W_transposed():
    report = check.check_layer(DxWithWTransposed(3, 3, rng), rng.standard_normal((B, 3)))
    assert not report.passed
    failing = [line for line in str(report).splitlines() if line.startswith("FAIL")]
    assert len(failing) == 1
    assert "dC/dx: relative error" in failing[0] and "worst entry" in failing[0]


def test_check_layer_fails_a_transposed_dW_and_names_it():
    report = check.check_layer(DWTransposed(3, 3, rng), rng.standard_normal((B, 3)))
    assert [c.passed for c in report] == [True, False, True]
    assert str(report).splitlines()[1].startswith("FAIL [W] Linear(3->3) dW: relative error")


def test_check_layer_reports_a_wrong_shape():
    report = check.check_layer(DWTransposed(4, 3, rng), rng.standard_normal((B, 4)))
    assert "FAIL" in str(report) and "analytic shape (4, 3), numeric shape (3, 4)" in str(report)


def test_check_loss_fails_a_gradient_that_forgets_one_over_B():
    net = Sequential(Linear(2, 3, rng), Tanh(), Linear(3, 1, rng))
    x, y = rng.standard_normal((B, 2)), rng.standard_normal((B, 1))
    assert check.check_loss(net, SquaredError("mean"), x, y).passed
    report = check.check_loss(net, MeanWithoutOneOverB("mean"), x, y)
    assert not any(c.passed for c in report) and str(report).count("FAIL") == 4


def test_check_grad_passes_and_fails():
    x = np.linspace(-2.0, 2.0, 7)
    assert check.check_grad(lambda x: np.sum(np.sin(x)), np.cos, x).passed
    report = check.check_grad(lambda x: np.sum(np.sin(x)), lambda x: -np.cos(x), x, name="d sin")
    assert not report.passed and str(report).startswith("FAIL d sin: relative error 1.0e+00")


def test_check_grads_names_the_wrong_order():
    report = check.check_derivatives(np.sin, np.linspace(-2.0, 2.0, 7), [np.cos, np.sin])  # f'' is -sin
    assert [c.passed for c in report] == [True, False]
    assert str(report).splitlines()[1].startswith("FAIL order 2 derivative")


# ---------------------------------------------------------------- finite differences themselves


def test_numerical_grad_is_accurate_and_leaves_x_alone():
    x = np.array([[0.5, -1.0], [2.0, 3.0]])
    g = check.numerical_grad(lambda x: np.sum(x ** 3), x)
    np.testing.assert_allclose(g, 3 * x ** 2, rtol=1e-8)  # round-off eps C / h
    np.testing.assert_array_equal(x, [[0.5, -1.0], [2.0, 3.0]])


def test_rel_error():
    a = np.array([3.0, 4.0])
    assert check.rel_error(a, a) == 0.0
    assert check.rel_error(np.zeros(2), np.zeros(2)) == 0.0
    assert check.rel_error(a, np.zeros(2)) == 1.0
    assert check.rel_error(a, -a) == 1.0
    assert check.rel_error(a, 2 * a) == pytest.approx(1 / 3)
