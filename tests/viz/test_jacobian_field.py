"""Chapter 3's widget and figure: the rows of J_x at the point, the last layer's Jacobian as a heatmap."""
import ipywidgets as widgets
import numpy as np
import pytest

import gradlib
from gradlib import Linear, Sequential, Tanh
from gradlib.viz.jacobian_field import (DEFAULTS, jacobian_explorer, jacobian_field_figure,
                                        last_weight_key)

rng = np.random.default_rng(0)
NET = Sequential(Linear(2, 4, rng, b=rng.normal(size=4)), Tanh(), Linear(4, 3, rng), Tanh())
POINT = np.array([0.3, -0.2])


def test_figure_draws_one_arrow_per_output_and_the_heatmap_of_the_last_weights():
    fig = jacobian_field_figure(NET, POINT, output=1, resolution=10, arrows=4)
    field, heat, *colorbars = fig.axes
    assert len(colorbars) == 2  # each panel has its colorbar
    assert len(field.texts) == 3  # one arrow (an annotation) per output k
    _, J_x = gradlib.jacobian(NET, POINT[None])
    tails = [np.array(t.xyann) for t in field.texts]
    heads = [np.array(t.xy) for t in field.texts]
    for k, (tail, head) in enumerate(zip(tails, heads)):
        assert np.allclose(tail, POINT)
        direction = head - tail
        assert np.allclose(direction / np.linalg.norm(direction), J_x[0, k] / np.linalg.norm(J_x[0, k]))
    assert field.get_title() == r"$y_1(x)$ and the rows of $J_x$"
    [image] = heat.images
    J_params, _ = gradlib.jacobian(NET, POINT[None])
    assert np.array_equal(image.get_array(), J_params["2.W"][0].reshape(3, 12))
    assert field.get_xlabel() and heat.get_xlabel() and heat.get_title()


def test_last_weight_key_is_the_last_linear_weight_and_rejects_a_network_without_one():
    assert last_weight_key(NET) == "2.W"
    with pytest.raises(ValueError, match="last_weight_key"):
        last_weight_key(Sequential(Tanh()))


def test_widget_has_two_sliders_and_an_output_menu_at_their_defaults():
    box = jacobian_explorer(NET)
    x0, x1, output, out = box.children
    assert isinstance(x0, widgets.FloatSlider) and isinstance(x1, widgets.FloatSlider)
    assert (x0.value, x1.value, output.value) == (DEFAULTS["x0"], DEFAULTS["x1"], DEFAULTS["output"])
    assert [value for _, value in output.options] == [0, 1, 2]
    assert all("\\(" in c.description for c in (x0, x1, output))  # typeset labels
    assert isinstance(out, widgets.Output)


def test_mode_times_figure_has_both_modes_on_log_axes_and_marks_n0():
    from gradlib.viz.jacobian_field import plot_mode_times
    [ax] = plot_mode_times([1, 4, 16], [1e-3, 4e-3, 16e-3], [8e-3, 8e-3, 8e-3], n0=8).axes
    reverse, forward, n0_line = ax.lines
    assert list(reverse.get_xdata()) == [1, 4, 16] and list(forward.get_ydata()) == [8.0, 8.0, 8.0]
    assert list(n0_line.get_xdata()) == [8, 8]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
