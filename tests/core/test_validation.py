"""Bad input raises a ValueError naming the layer, what it expected and what it got.

Nothing is silently broadcast.
"""
import re

import numpy as np
import pytest

from gradlib import (L2, SGD, Linear, ReLU, Sequential, Sigmoid, SoftmaxCrossEntropy, SquaredError,
                     Tanh, log_softmax, softmax)

B = 4


def raises(*fragments):
    """Expect a ValueError whose message contains every fragment, in order."""
    return pytest.raises(ValueError, match=".*".join(map(re.escape, fragments)))


def ran_forward(layer, x):
    layer.forward(x)
    return layer


def with_nan(shape, index):
    a = np.ones(shape)
    a[index] = np.nan
    return a


# ---------------------------------------------------------------- shapes


def test_linear_rejects_x_with_the_wrong_number_of_inputs():
    with raises("Linear(3->2).forward", "x must have shape (B, 3)", "got (4, 5)"):
        Linear(3, 2).forward(np.ones((B, 5)))


def test_linear_rejects_a_1d_x():
    with raises("Linear(3->2).forward", "x must have shape (B, 3)", "got (3,)"):
        Linear(3, 2).forward(np.ones(3))


def test_activation_rejects_a_1d_x():
    with raises("Tanh().forward", "x must have shape", "got (5,)"):
        Tanh().forward(np.ones(5))


def test_linear_rejects_W_of_the_transposed_shape():
    with raises("Linear(3->2)", "W must have shape (2, 3)", "got (3, 2)"):
        Linear(3, 2, W=np.ones((3, 2)))


def test_linear_rejects_b_of_the_wrong_shape():
    with raises("Linear(3->2)", "b must have shape (2,)", "got (2, 1)"):
        Linear(3, 2, b=np.ones((2, 1)))


def test_squared_error_rejects_targets_of_another_shape():
    with raises("SquaredError(reduction='sum').forward", "y must have shape (4, 2)", "got (4, 3)"):
        SquaredError().forward(np.ones((B, 2)), np.ones((B, 3)))


def test_backward_rejects_the_transposed_dy():
    layer = ran_forward(Linear(3, 2), np.ones((B, 3)))
    with raises("Linear(3->2).backward", "dy must have shape (4, 2)", "got (2, 4)"):
        layer.backward(np.ones((2, B)))


# Every place where a (B, 1) array is expected: a (B,) one, which NumPy would
# broadcast against (B, 1) into (B, B), must be refused, never used.
BROADCAST_TRAPS = {
    "Linear.forward": lambda: Linear(1, 2).forward(np.ones(B)),
    "Linear.backward": lambda: ran_forward(Linear(3, 1), np.ones((B, 3))).backward(np.ones(B)),
    "Activation.forward": lambda: Sigmoid().forward(np.ones(B)),
    "Activation.backward": lambda: ran_forward(Sigmoid(), np.ones((B, 1))).backward(np.ones(B)),
    "SquaredError targets": lambda: SquaredError().forward(np.ones((B, 1)), np.ones(B)),
    "SquaredError predictions": lambda: SquaredError().forward(np.ones(B), np.ones((B, 1))),
    "Sequential.backward": lambda: ran_forward(Sequential(Linear(2, 1), Tanh()), np.ones((B, 2)))
    .backward(np.ones(B)),
}


@pytest.mark.parametrize("call", BROADCAST_TRAPS.values(), ids=BROADCAST_TRAPS.keys())
def test_a_vector_is_never_broadcast_where_a_column_is_expected(call):
    with raises("must have shape", f"got ({B},)"):
        call()


def test_loss_backward_rejects_an_array_for_the_scalar_dC():
    loss = SquaredError()
    loss.forward(np.ones((B, 1)), np.zeros((B, 1)))
    with raises("SquaredError(reduction='sum').backward", "dC must be a scalar", "shape (4, 1)"):
        loss.backward(np.ones((B, 1)))


# ---------------------------------------------------------------- types


@pytest.mark.parametrize("dtype", [np.int64, np.bool_])
def test_linear_rejects_integer_and_boolean_arrays(dtype):
    with raises("Linear(3->2).forward", "x must be a float array", f"got dtype {np.dtype(dtype)}"):
        Linear(3, 2).forward(np.ones((B, 3), dtype=dtype))


def test_linear_rejects_a_python_list():
    with raises("Linear(3->2).forward", "x must be a NumPy array of shape (B, 3)", "got list"):
        Linear(3, 2).forward([[1.0, 2.0, 3.0]])


def test_squared_error_rejects_integer_targets():
    with raises("SquaredError", "y must be a float array", "got dtype int64"):
        SquaredError().forward(np.ones((B, 2)), np.ones((B, 2), dtype=np.int64))


# ---------------------------------------------------------------- labels


def cross_entropy_of(labels):
    return SoftmaxCrossEntropy().forward(np.zeros((B, 3)), labels)


@pytest.mark.parametrize("bad, index", [(-1, 1), (3, 2)], ids=["negative", "equal to K"])
def test_labels_out_of_range(bad, index):
    labels = np.zeros(B, dtype=np.int64)
    labels[index] = bad
    with raises("SoftmaxCrossEntropy(reduction='mean').forward", "labels must lie in [0, 3)",
                f"got {bad} at index {index}"):
        cross_entropy_of(labels)


def test_float_labels():
    with raises("SoftmaxCrossEntropy", "labels must be integers in [0, 3)", "got dtype float64"):
        cross_entropy_of(np.zeros(B))


def test_one_hot_labels_are_not_integer_labels():
    with raises("SoftmaxCrossEntropy", "labels must be integers", "got dtype float64"):
        cross_entropy_of(np.eye(3)[[0, 1, 2, 0]])


def test_labels_of_the_wrong_length():
    with raises("SoftmaxCrossEntropy", "labels must have shape (4,)", "got (3,)"):
        cross_entropy_of(np.zeros(3, dtype=np.int64))


def test_labels_as_a_python_list():
    with raises("SoftmaxCrossEntropy", "labels must be a NumPy integer array", "(4,)", "got list"):
        cross_entropy_of([0, 1, 2, 0])


# ---------------------------------------------------------------- NaN and inf


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf], ids=["nan", "inf", "-inf"])
def test_non_finite_x(value):
    x = np.ones((B, 3))
    x[2, 1] = value
    with raises("Linear(3->2).forward", f"x contains {value} at index (2, 1)", "must be finite"):
        Linear(3, 2).forward(x)


def test_non_finite_W():
    with raises("Linear(3->2)", "W contains nan at index (1, 0)"):
        Linear(3, 2, W=with_nan((2, 3), (1, 0)))


def test_non_finite_targets():
    with raises("SquaredError(reduction='sum').forward", "y contains nan at index (0, 1)"):
        SquaredError().forward(np.ones((B, 2)), with_nan((B, 2), (0, 1)))


def test_non_finite_logits():
    with raises("SoftmaxCrossEntropy(reduction='mean').forward", "z contains nan at index (3, 2)"):
        SoftmaxCrossEntropy().forward(with_nan((B, 3), (3, 2)), np.zeros(B, dtype=np.int64))


def test_non_finite_dy():
    layer = ran_forward(ReLU(), np.ones((B, 2)))
    with raises("ReLU().backward", "dy contains nan at index (0, 0)"):
        layer.backward(with_nan((B, 2), (0, 0)))


@pytest.mark.parametrize("function", [softmax, log_softmax], ids=lambda f: f.__name__)
def test_softmax_functions_check_their_logits(function):
    with raises(function.__name__, "z contains nan at index (1, 1)"):
        function(with_nan((2, 3), (1, 1)))
    with raises(function.__name__, "z must have shape", "got (3,)"):
        function(np.ones(3))


# ---------------------------------------------------------------- order of calls


@pytest.mark.parametrize("layer", [Linear(3, 2), Tanh(), Sequential(Linear(3, 2), Tanh())],
                         ids=repr)
def test_backward_before_forward(layer):
    with raises("backward called before forward"):
        layer.backward(np.ones((B, 2)))


@pytest.mark.parametrize("loss", [SquaredError(), SoftmaxCrossEntropy()], ids=repr)
def test_loss_backward_before_forward(loss):
    with raises(repr(loss), "backward called before forward"):
        loss.backward()


# ---------------------------------------------------------------- hyperparameters


@pytest.mark.parametrize("loss", [SquaredError, SoftmaxCrossEntropy], ids=lambda c: c.__name__)
def test_bad_reduction_name(loss):
    with raises(loss.__name__, "reduction must be one of ('sum', 'mean')", "got 'average'"):
        loss(reduction="average")


@pytest.mark.parametrize("alpha", [-0.1, np.nan, np.inf])
def test_l2_rejects_negative_or_non_finite_alpha(alpha):
    with raises("L2: alpha must be a finite number >= 0", f"got {alpha!r}"):
        L2(alpha)


@pytest.mark.parametrize("lr", [0.0, -0.1, np.nan, np.inf])
def test_sgd_rejects_a_non_positive_or_non_finite_learning_rate(lr):
    with raises("SGD: lr must be a finite number > 0", f"got {lr!r}"):
        SGD(Sequential(Linear(2, 1)), lr)


def test_sequential_rejects_what_is_not_a_layer():
    with raises("Sequential: expected one or more layers"):
        Sequential(Linear(2, 1), np.tanh)
    with raises("Sequential: expected one or more layers"):
        Sequential()


def test_an_empty_batch_is_rejected():
    with raises("Linear(3->2).forward", "x must not be empty", "got shape (0, 3)"):
        Linear(3, 2).forward(np.ones((0, 3)))


def test_a_free_second_axis_is_named_n_not_C():
    with raises("Tanh().forward", "x must have shape (B, n)", "got (5,)"):
        Tanh().forward(np.ones(5))
