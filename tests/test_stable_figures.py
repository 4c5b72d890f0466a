"""The figures that strict nbval compares exactly are stable under round-off.

Round-off differs from one CPU to the next (see tests/nbval_sanitize.cfg), so a
figure is only safe to store and compare exactly if a round-off-sized change in
the computation cannot change its printed digits. Chapter 2 prints accuracies,
weight norms, costs and dead-unit counts after up to 2000 steps of training;
here each is recomputed with every initial weight nudged by a relative 1e-12
(about 10^4 times the round-off of one operation, in either direction) and must
print the same. `make test` also replays the chapter under another CPU dispatch.
"""
import numpy as np
import pytest

from gradlib.teach.datasets import spirals
from gradlib.teach.train import relu_classifier, train_classifier, weight_norm

NUDGES = (0.0, 1e-12, -1e-12)


def nudged(model, nudge):
    for layer in model.layers:
        for p in layer.params.values():
            p *= 1.0 + nudge
    return model


def trained(nudge, seed, lr, steps, alpha, width=32):
    X, y = spirals(100, n_classes=3, noise=0.2, rng=np.random.default_rng(0))
    model = nudged(relu_classifier(2, width, 3, np.random.default_rng(seed)), nudge)
    history = train_classifier(model, X, y, lr=lr, steps=steps, alpha=alpha)
    dead = int(np.sum(np.all(model.layers[0].forward(X) <= 0, axis=0)))
    return model, history, dead


def alpha_table(nudge):
    """Chapter 2's table of weight norm, cost and accuracy against alpha."""
    rows = []
    for alpha in [0.0, 1e-4, 1e-3, 1e-2, 1e-1]:
        model, h, _ = trained(nudge, seed=1, lr=1.0, steps=1000, alpha=alpha)
        rows.append(f"{weight_norm(model):.2f} {h.loss[-1]:.3f} {h.accuracy[-1]:.1%}")
    return rows


def dead_unit_lines(nudge):
    """Chapter 2's dead units and accuracy against the learning rate."""
    return [f"{dead} dead, accuracy {h.accuracy[-1]:.1%}"
            for lr in [1.0, 3.0, 5.0, 10.0]
            for _, h, dead in [trained(nudge, seed=0, lr=lr, steps=100, alpha=1e-3)]]


def final_classifier(nudge):
    """Chapter 2's final classifier: accuracy and cost after 2000 steps."""
    _, h, _ = trained(nudge, seed=0, lr=1.0, steps=2000, alpha=1e-3)
    return [f"{h.accuracy[-1]:.1%} {h.loss[-1]:.3f}"]


@pytest.mark.parametrize("figures", [alpha_table, dead_unit_lines, final_classifier])
def test_printed_training_figures_survive_a_round_off_nudge(figures):
    printed = {nudge: figures(nudge) for nudge in NUDGES}
    assert printed[NUDGES[1]] == printed[0.0] == printed[NUDGES[2]], printed


def test_the_nudge_is_felt():
    """The nudge really changes the trained weights, so the test above can fail."""
    a, _, _ = trained(0.0, seed=0, lr=1.0, steps=50, alpha=1e-3)
    b, _, _ = trained(1e-12, seed=0, lr=1.0, steps=50, alpha=1e-3)
    assert not np.array_equal(a.layers[0].params["W"], b.layers[0].params["W"])
