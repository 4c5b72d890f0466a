"""Chapter 4's training task: remember a marked value until the end of a sequence.

Each sequence has T steps of two inputs: a value drawn uniformly from [-1, 1] and a
marker, 1 at one step in the first half of the sequence and 0 elsewhere. The target,
read at the last step only, is the marked value. A recurrent layer solves it by
opening its update gate at the marker and keeping it shut afterwards, so the task
measures exactly what the gate is for: carrying a value, and its gradient, over many
steps. Predicting 0 always scores the variance of the target, 1/3.
"""
import numpy as np

from .._validate import check_float_array
from ..layer import Layer
from ..linear import Linear
from ..losses import SquaredError
from ..network import Sequential
from ..optim import SGD


class LastStep(Layer):
    """Keep the last step of a time-major sequence: ``x: (T, B, n)`` -> ``y = x[T-1]: (B, n)``.

    Backward puts the adjoint at the last step and zeros at every other one: a loss on
    the last step only.
    """

    def forward(self, x):
        x = check_float_array(f"{self}.forward", "x", x, ("T", "B", "n"))
        self.cache = {"x": x, "y": x[-1]}
        return x[-1]

    def backward(self, dy):
        if not self.cache:
            raise ValueError(f"{self}: backward called before forward")
        x = self.cache["x"]
        dy = check_float_array(f"{self}.backward", "dy", dy, x.shape[1:])
        dx = np.zeros_like(x)
        dx[-1] = dy
        return dx

    def __repr__(self):
        return "LastStep()"


def marked_value(T, B, rng):
    """A batch of the task: ``x: (T, B, 2)`` (value, marker) and the target ``y: (B, 1)``."""
    x = np.zeros((T, B, 2))
    x[:, :, 0] = rng.uniform(-1.0, 1.0, size=(T, B))
    marked = rng.integers(0, max(T // 2, 1), size=B)  # one marked step per sequence, in the first half
    x[marked, np.arange(B), 1] = 1.0
    return x, x[marked, np.arange(B), 0][:, None]


def train_marked_value(rnn, T, steps, lr, rng, batch=64):
    """Train ``Sequential(rnn, LastStep(), Linear(n, 1))`` by SGD on fresh batches of the task.

    ``rnn`` is a recurrent layer with ``rnn.n`` units, such as ``GatedRecurrent(2, n, ...)``,
    trained in place. Returns the mean squared error of each step's batch, ``(steps,)``,
    measured before that step's update.
    """
    net = Sequential(rnn, LastStep(), Linear(rnn.n, 1, rng))
    loss, optimiser = SquaredError("mean"), SGD(net, lr)
    history = np.empty(steps)
    for step in range(steps):
        x, y = marked_value(T, batch, rng)
        history[step] = loss.forward(net.forward(x), y)
        net.backward(loss.backward())
        optimiser.step()
    return history
