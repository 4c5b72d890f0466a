"""Chapter 1: the same gradients three ways, per example, on a 784-128-10 network.

The scalar loop of gradlib.teach.index_form runs on a few examples only (it takes about
a tenth of a second each); the matrix form and gradlib's layers run on a batch.
All three are timed per example, in the same run, and compared as ratios.
"""
import time

import numpy as np

from gradlib import Identity, Linear, Sequential, Sigmoid, SoftmaxCrossEntropy
from gradlib.teach.index_form import backprop_loop
from gradlib.teach.matrix_form import backprop_layers, backprop_matrix


def seconds_per_example(form, net, X, labels, repeats):
    """Best of ``repeats`` runs of ``form`` on the batch X, divided by the batch size."""
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        form(net, SoftmaxCrossEntropy("sum"), X, labels)
        best = min(best, time.perf_counter() - start)
    return best / len(X)


def main(quick):
    widths, loop_batch, batch = ((20, 8, 3), 2, 16) if quick else ((784, 128, 10), 3, 256)
    rng = np.random.default_rng(0)
    net = Sequential(Linear(widths[0], widths[1], rng), Sigmoid(),
                     Linear(widths[1], widths[2], rng), Identity())
    X = rng.standard_normal((batch, widths[0]))
    labels = rng.integers(0, widths[2], size=batch)
    loop = seconds_per_example(backprop_loop, net, X[:loop_batch], labels[:loop_batch], 1)
    matrix = seconds_per_example(backprop_matrix, net, X, labels, 5)
    layers = seconds_per_example(backprop_layers, net, X, labels, 5)
    multiply_adds = 3 * sum(n_in * n_out for n_in, n_out in zip(widths, widths[1:]))
    return [
        f"network {'-'.join(map(str, widths))}: {multiply_adds} multiply-adds per example "
        f"(forward, dC/dW, dC/da)",
        f"scalar loop ({loop_batch} examples): {loop * 1e3:.2f} ms per example, "
        f"{loop / multiply_adds * 1e9:.0f} ns per multiply-add",
        f"matrix form (batch {batch}): {matrix * 1e6:.1f} us per example",
        f"gradlib layers (batch {batch}): {layers * 1e6:.1f} us per example",
        f"loop / matrix ratio: {loop / matrix:.0f}x",
        f"layers / matrix ratio: {layers / matrix:.2f}x",
    ]
