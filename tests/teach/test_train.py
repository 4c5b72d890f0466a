"""gradlib.teach.datasets.spirals and gradlib.teach.train (Chapter 2): data, one SGD step, whole runs, bad input."""
import re

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from hypothesis import given
from hypothesis import strategies as st

from gradlib import Linear, Sequential, check
from gradlib.teach.datasets import spirals
from gradlib.teach.train import accuracy, relu_classifier, train_classifier, weight_norm
from strategies import SETTINGS, arrays, labels, seeds, sizes

TOL = 1e-10


def raises(*fragments):
    return pytest.raises(ValueError, match=".*".join(map(re.escape, fragments)))


# ---------------------------------------------------------------- spirals


@SETTINGS
@given(n=st.integers(2, 50), K=st.integers(2, 5), seed=seeds)
def test_spirals_shapes_labels_and_radius(n, K, seed):
    X, y = spirals(n, K, 0.3, np.random.default_rng(seed))
    assert X.shape == (n * K, 2) and X.dtype == np.float64
    assert y.shape == (n * K,) and np.issubdtype(y.dtype, np.integer)
    assert np.array_equal(np.bincount(y), np.full(K, n))
    np.testing.assert_allclose(np.hypot(X[:, 0], X[:, 1]), np.tile(np.linspace(0, 1, n), K))


def test_spirals_are_reproducible_and_the_noise_moves_the_points():
    a = spirals(20, 3, 0.2, np.random.default_rng(5))
    b = spirals(20, 3, 0.2, np.random.default_rng(5))
    clean = spirals(20, 3, 0.0, np.random.default_rng(5))
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert not np.allclose(a[0], clean[0])


@pytest.mark.parametrize("kwargs, fragments", [
    ({"n_per_class": 1}, ("spirals", "n_per_class must be an integer >= 2", "got 1")),
    ({"n_per_class": 10.0}, ("spirals", "n_per_class must be an integer >= 2", "got 10.0")),
    ({"n_per_class": 10, "n_classes": 1}, ("spirals", "n_classes must be an integer >= 2", "got 1")),
    ({"n_per_class": 10, "noise": -0.1}, ("spirals", "noise must be a finite number >= 0", "-0.1")),
    ({"n_per_class": 10, "noise": np.nan}, ("spirals", "noise must be a finite number >= 0", "nan")),
])
def test_spirals_bad_input(kwargs, fragments):
    with raises(*fragments):
        spirals(**kwargs)


# ---------------------------------------------------------------- one step against autograd


def penalised_cost(params, X, y, alpha):
    """Eq. (classifier-cost) of Chapter 2, written independently in autograd's numpy."""
    W1, b1, W2, b2 = params
    Z2 = anp.dot(anp.maximum(anp.dot(X, W1.T) + b1, 0.0), W2.T) + b2
    logp = Z2 - anp.log(anp.sum(anp.exp(Z2), axis=1, keepdims=True))
    return -anp.mean(logp[np.arange(len(y)), y]) + alpha / 2 * (anp.sum(W1 ** 2) + anp.sum(W2 ** 2))


@SETTINGS
@given(data=st.data(), B=sizes, n0=sizes, width=sizes, K=st.integers(2, 4), seed=seeds,
       lr=st.floats(0.01, 2.0), alpha=st.floats(0.0, 1.0))
def test_one_training_step_is_sgd_on_the_penalised_cost(data, B, n0, width, K, seed, lr, alpha):
    X, y = data.draw(arrays((B, n0))), data.draw(labels(B, K))
    net = relu_classifier(n0, width, K, np.random.default_rng(seed))
    before = [net.layers[i].params[k].copy() for i in (0, 2) for k in ("W", "b")]
    history = train_classifier(net, X, y, lr, 1, alpha)
    assert history.loss[0] == pytest.approx(penalised_cost(before, X, y, alpha), rel=TOL)
    after = [net.layers[i].params[k] for i in (0, 2) for k in ("W", "b")]
    for p0, g, p1 in zip(before, grad(penalised_cost)(before, X, y, alpha), after):
        assert check.rel_error(p1, p0 - lr * g) <= TOL


@SETTINGS
@given(data=st.data(), seed=seeds, lr=st.floats(0.01, 2.0), alpha=st.floats(0.0, 1.0))
def test_a_step_with_l2_is_weight_decay_then_a_plain_step(data, seed, lr, alpha):
    """Chapter 2, eq. (weight-decay): W <- (1 - lr alpha) W - lr dW_data."""
    X, y = data.draw(arrays((4, 3))), data.draw(labels(4, 3))
    plain = relu_classifier(3, 4, 3, np.random.default_rng(seed))
    decayed = relu_classifier(3, 4, 3, np.random.default_rng(seed))
    W0 = [plain.layers[i].params["W"].copy() for i in (0, 2)]
    train_classifier(plain, X, y, lr, 1, 0.0)
    train_classifier(decayed, X, y, lr, 1, alpha)
    for i, W in zip((0, 2), W0):
        want = plain.layers[i].params["W"] - lr * alpha * W
        assert check.rel_error(decayed.layers[i].params["W"], want) <= TOL
        assert np.array_equal(decayed.layers[i].params["b"], plain.layers[i].params["b"])


# ---------------------------------------------------------------- whole runs


def test_training_on_spirals_lowers_the_cost_and_fits_the_arms():
    X, y = spirals(50, 3, 0.2, np.random.default_rng(0))
    net = relu_classifier(2, 32, 3, np.random.default_rng(0))
    history = train_classifier(net, X, y, lr=1.0, steps=500, alpha=1e-3)
    assert len(history.loss) == len(history.accuracy) == len(history.weight_norm) == 500
    assert history.loss[-1] < 0.5 * history.loss[0]
    assert history.accuracy[-1] > 0.85
    assert accuracy(net.forward(X), y) >= history.accuracy[-1] - 0.05


def test_a_larger_penalty_gives_smaller_weights():
    X, y = spirals(30, 3, 0.2, np.random.default_rng(0))
    norms = []
    for alpha in (0.0, 1e-2, 1e-1):
        net = relu_classifier(2, 16, 3, np.random.default_rng(0))
        train_classifier(net, X, y, lr=1.0, steps=200, alpha=alpha)
        norms.append(weight_norm(net))
    assert norms[0] > norms[1] > norms[2]


def test_zero_steps_change_nothing():
    X, y = spirals(5, 3, 0.2)
    net = relu_classifier(2, 4, 3)
    W = net.layers[0].params["W"].copy()
    history = train_classifier(net, X, y, lr=1.0, steps=0)
    assert history.loss == [] and np.array_equal(net.layers[0].params["W"], W)


def test_weight_norm_and_accuracy():
    net = Sequential(Linear(2, 2, W=[[3.0, 0.0], [0.0, 4.0]]))
    assert weight_norm(net) == pytest.approx(5.0)
    assert accuracy(np.array([[2.0, 1.0], [0.0, 1.0], [5.0, 0.0]]), np.array([0, 1, 1])) == \
        pytest.approx(2 / 3)


# ---------------------------------------------------------------- bad input


def test_train_rejects_labels_out_of_range():
    X, _ = spirals(5, 3, 0.2)
    with raises("train_classifier", "labels must lie in [0, 3)", "got 3"):
        train_classifier(relu_classifier(2, 4, 3), X, np.full(15, 3), lr=1.0, steps=1)


def test_train_rejects_inputs_of_the_wrong_width():
    with raises("train_classifier", "labels must have shape (4,)"):
        train_classifier(relu_classifier(2, 4, 3), np.ones((4, 2)), np.zeros(5, int), lr=1.0, steps=1)
    with raises("Linear(2->4).forward", "x must have shape (B, 2)", "got (4, 3)"):
        train_classifier(relu_classifier(2, 4, 3), np.ones((4, 3)), np.zeros(4, int), lr=1.0, steps=1)


@pytest.mark.parametrize("steps", [-1, 2.5])
def test_train_rejects_bad_steps(steps):
    with raises("train_classifier", "steps must be an integer >= 0", f"got {steps}"):
        train_classifier(relu_classifier(2, 4, 3), np.ones((4, 2)), np.zeros(4, int), 1.0, steps)


def test_train_rejects_a_bad_learning_rate_or_alpha():
    X, y = np.ones((4, 2)), np.zeros(4, int)
    with raises("SGD", "lr must be a finite number > 0", "got 0.0"):
        train_classifier(relu_classifier(2, 4, 3), X, y, lr=0.0, steps=1)
    with raises("L2", "alpha must be a finite number >= 0", "got -1.0"):
        train_classifier(relu_classifier(2, 4, 3), X, y, lr=1.0, steps=1, alpha=-1.0)


@pytest.mark.parametrize("width", [0, 3.0])
def test_relu_classifier_rejects_a_bad_width(width):
    with raises("relu_classifier", "width must be an integer >= 1", f"got {width}"):
        relu_classifier(2, width, 3)
