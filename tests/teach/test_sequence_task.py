"""Chapter 4's memory task: the data, the last-step read-out, and that training learns it."""
import numpy as np
import pytest

from gradlib import GatedRecurrent
from gradlib.check import numerical_grad, rel_error
from gradlib.teach.sequence_task import LastStep, marked_value, train_marked_value


def test_one_marker_per_sequence_in_the_first_half_and_the_target_is_its_value():
    x, y = marked_value(T=12, B=50, rng=np.random.default_rng(0))
    assert x.shape == (12, 50, 2) and y.shape == (50, 1)
    markers = x[:, :, 1]
    assert np.all(markers.sum(axis=0) == 1)
    marked = markers.argmax(axis=0)
    assert np.all(marked < 6)
    assert np.array_equal(y[:, 0], x[marked, np.arange(50), 0])
    assert np.all(np.abs(x[:, :, 0]) <= 1)


def test_last_step_keeps_the_last_step_and_its_backward_is_the_derivative():
    rng = np.random.default_rng(1)
    x, dy = rng.standard_normal((4, 3, 2)), rng.standard_normal((3, 2))
    layer = LastStep()
    assert np.array_equal(layer.forward(x), x[-1])
    numeric = numerical_grad(lambda x_: np.sum(dy * LastStep().forward(x_)), x)
    assert rel_error(layer.backward(dy), numeric) < 1e-8


def test_last_step_rejects_bad_input():
    layer = LastStep()
    with pytest.raises(ValueError, match="before forward"):
        layer.backward(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="LastStep"):
        layer.forward(np.zeros((3, 2)))
    layer.forward(np.zeros((4, 3, 2)))
    with pytest.raises(ValueError, match="LastStep"):
        layer.backward(np.zeros((3, 5)))


def test_training_with_a_shut_gate_learns_the_task():
    rng = np.random.default_rng(0)
    rnn = GatedRecurrent(2, 4, rng, bu=np.full(4, -2.0))
    history = train_marked_value(rnn, T=10, steps=600, lr=0.5, rng=rng)
    assert history.shape == (600,)
    assert history[:50].mean() > 0.2          # near the 1/3 of predicting 0
    assert history[-50:].mean() < 0.05        # the marked value is remembered
