"""Chapter 1's chain-rule figure and widget: they draw, and the sum they show is the gradient."""
import re

import ipywidgets as widgets
import numpy as np
import pytest

from gradlib import Linear, Sequential, Sigmoid, SquaredError, Tanh
from gradlib.teach.matrix_form import backprop_layers
from gradlib.viz.network_graph import chain_rule_explorer, draw_chain_rule


def small():
    rng = np.random.default_rng(0)
    net = Sequential(Linear(2, 3, rng, b=rng.uniform(-0.5, 0.5, 3)), Tanh(),
                     Linear(3, 1, rng), Sigmoid())
    return net, np.array([0.5, -1.0]), np.array([[0.8]])


def shown_lines(fig, prefix):
    return [t.get_text() for ax in fig.axes for t in ax.texts if t.get_text().startswith(prefix)]


def shown_number(fig, prefix):
    [line] = shown_lines(fig, prefix)
    return float(re.findall(r"-?\d+\.\d+", line)[-1])


@pytest.mark.parametrize("name, paths", [("x[0]", 3), ("W^1[2,1]", 1), ("b^2[0]", 1)])
def test_the_figure_shows_each_path_and_a_sum_equal_to_the_gradient(name, paths):
    net, x, y = small()
    fig = draw_chain_rule(net, SquaredError(), x, y, name)
    _, grads, dX = backprop_layers(net, SquaredError(), x[None, :], y)
    want = {"x[0]": dX[0, 0], "W^1[2,1]": grads[0]["W"][2, 1], "b^2[0]": grads[1]["b"][0]}[name]
    assert len(shown_lines(fig, "path ")) == paths
    assert shown_number(fig, "sum over") == pytest.approx(want, abs=1e-6)
    assert shown_number(fig, "gradlib") == pytest.approx(want, abs=1e-6)
    assert shown_number(fig, "central difference") == pytest.approx(want, abs=1e-6)


def test_the_widget_has_its_controls():
    net, x, y = small()
    box = chain_rule_explorer(net, SquaredError(), x, y)
    dropdown, x0, w00, _ = box.children
    assert isinstance(dropdown, widgets.Dropdown) and "x[1]" in dropdown.options
    assert x0.value == 0.5 and w00.value == pytest.approx(net.layers[0].params["W"][0, 0], abs=0.05)
    w00.value = 1.5  # moving a slider redraws, and leaves the caller's network alone
    assert net.layers[0].params["W"][0, 0] != 1.5
