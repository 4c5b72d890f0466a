"""Chapter 2's widget: one retrain + redraw at the default settings against the 1 s budget."""
import io

import numpy as np

from gradlib.teach.datasets import spirals
from gradlib.teach.timing import best_time
from gradlib.teach.train import relu_classifier, train_classifier
from gradlib.viz.classifier_plots import DEFAULTS, explorer_figure

BUDGET_SECONDS = 1.0


def redraw(X, labels, settings):
    """What the widget does on a slider change: retrain, draw, render the PNG it shows."""
    explorer_figure(X, labels, **settings).savefig(io.BytesIO(), format="png")


def main(quick):
    settings = dict(DEFAULTS, steps=10) if quick else DEFAULTS
    X, labels = spirals(10 if quick else 100, 3, 0.2, np.random.default_rng(0))
    repeats = 1 if quick else 5
    total = best_time(lambda: redraw(X, labels, settings), repeats)
    train = best_time(lambda: train_classifier(
        relu_classifier(2, settings["width"], 3), X, labels, settings["lr"], settings["steps"],
        settings["alpha"]), repeats)
    return [f"settings {settings}, {len(X)} points",
            f"retrain + redraw: {total:.3f} s (training alone {train:.3f} s)",
            f"redraw / 1 s budget ratio: {total / BUDGET_SECONDS:.2f} (must stay below 1)",
            f"training / redraw ratio: {train / total:.2f}"]
