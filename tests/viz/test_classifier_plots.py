"""Chapter 2's figures and widget build, with the labels and controls the chapter describes."""
import ipywidgets as widgets
import numpy as np

from gradlib.teach.datasets import spirals
from gradlib.teach.train import relu_classifier, train_classifier
from gradlib.viz.classifier_plots import (DEFAULTS, classifier_explorer, explorer_figure,
                                          plot_decision_regions, plot_training_curves)

X, Y = spirals(10, 3, 0.2, np.random.default_rng(0))


def test_explorer_figure_has_regions_and_weight_norm_panels():
    fig = explorer_figure(X, Y, alpha=1e-3, width=8, lr=1.0, steps=20)
    regions, norm = fig.axes
    assert regions.get_title().startswith("Decision regions") and norm.get_xlabel() == "step"
    assert len(norm.lines[0].get_xdata()) == 20


def test_decision_regions_and_training_curves_are_labelled():
    net = relu_classifier(2, 8, 3)
    history = train_classifier(net, X, Y, lr=1.0, steps=10)
    [ax] = plot_decision_regions(net, X, Y).axes
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert all(ax.get_xlabel() == "step" and ax.get_ylabel() and ax.get_title()
               for ax in plot_training_curves(history).axes)


def test_widget_has_the_four_sliders_at_their_defaults_above_its_figure():
    box = classifier_explorer(X, Y)
    *controls, out = box.children
    assert [c.value for c in controls] == [DEFAULTS[k] for k in ("alpha", "width", "lr", "steps")]
    assert all(isinstance(c, (widgets.FloatLogSlider, widgets.IntSlider)) for c in controls)
    assert isinstance(out, widgets.Output)  # the figure (needs a kernel to capture it)
