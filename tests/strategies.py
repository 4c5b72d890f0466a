"""Shared test helpers: hypothesis strategies (shapes, values, networks) and a strict float context.

Hypothesis chooses every shape (so a failure shrinks to the smallest one) and a
seed; the values come from a generator with that seed, uniform in a bounded
range. Values drawn entry by entry would include near-cancellations (an exact 0
gradient against a round-off of 1e-10), where a relative error means nothing.
"""
import contextlib
import warnings

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gradlib import Identity, Linear, ReLU, Sequential, Sigmoid, Softsign, Tanh

# Modest and deterministic: the whole suite runs in seconds and never flakes in CI.
SETTINGS = settings(max_examples=20, deadline=None, derandomize=True, database=None)

ACTIVATIONS = (Identity, Sigmoid, Tanh, ReLU, Softsign)

# Far larger than the finite-difference step h = 1e-6, so no central difference
# straddles the kink of ReLU at 0 or the jump of Softsign's f'' at 0.
MARGIN = 1e-2

sizes = st.integers(1, 5)
seeds = st.integers(0, 2**32 - 1)


@st.composite
def arrays(draw, shape, scale=2.0, margin=0.0):
    """A float64 array of ``shape`` whose entries have random signs and margin <= |v| <= scale."""
    rng = np.random.default_rng(draw(seeds))
    magnitude = rng.uniform(margin, scale, size=shape)
    return np.where(rng.random(shape) < 0.5, -magnitude, magnitude)


@st.composite
def matrices(draw, scale=2.0, margin=0.0):
    """A (B, n) float64 array with random B and n, as ``arrays`` fills it."""
    return draw(arrays((draw(sizes), draw(sizes)), scale, margin))


def labels(batch, classes):
    """Integer class labels of shape (batch,), each in [0, classes)."""
    return hnp.arrays(np.int64, (batch,), elements=st.integers(0, classes - 1))


@st.composite
def mlps(draw, max_depth=3, activations=None):
    """A Sequential of 1..max_depth Linear layers, random widths, each with a random activation
    (drawn from ``activations``, all of gradlib's by default)."""
    widths = draw(st.lists(sizes, min_size=2, max_size=max_depth + 1))
    rng = np.random.default_rng(draw(seeds))
    layers = []
    for n_in, n_out in zip(widths, widths[1:]):
        activation = draw(st.sampled_from(activations or ACTIVATIONS))
        layers += [Linear(n_in, n_out, rng, b=rng.uniform(-1.0, 1.0, n_out)), activation()]
    return Sequential(*layers)


@contextlib.contextmanager
def strict_floats():
    """Turn every warning and every overflow, division by zero or invalid operation into an error.

    Underflow stays allowed: e^{-20000} rounding to 0.0 is the correctly rounded
    result that saturating softmax and sigmoid rely on, not a loss of accuracy.
    """
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        yield


@st.composite
def models(draw):
    """``(layer, n_in)``: a Linear, one of the activations, or an mlp, each as its own model.

    A lone activation draws ``n_in`` itself; its inputs should keep ``MARGIN`` from 0.
    """
    kind = draw(st.sampled_from(("linear", "activation", "mlp")))
    if kind == "mlp":
        net = draw(mlps())
        return net, net.layers[0].n_in
    n_in, n_out = draw(sizes), draw(sizes)
    if kind == "activation":
        return draw(st.sampled_from(ACTIVATIONS))(), n_in
    rng = np.random.default_rng(draw(seeds))
    return Linear(n_in, n_out, rng, b=rng.uniform(-1.0, 1.0, n_out)), n_in
