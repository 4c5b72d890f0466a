"""Chapter 4's widget and figure: the gradient that reaches step t from a loss at step T, gated and plain."""
import ipywidgets as widgets
import numpy as np

import gradlib.viz.gradient_flow as gradient_flow
from gradlib.teach.gradient_flow import compare_reach
from gradlib.viz.gradient_flow import (DEFAULTS, gradient_flow_explorer, gradient_flow_figure,
                                       plot_gradient_flow)


def test_figure_plots_the_gated_and_the_plain_reach_against_the_distance_on_a_log_scale():
    fig = gradient_flow_figure(-2.0, 1.5, 30)
    [ax] = fig.axes
    gated, plain = compare_reach(-2.0, 1.5, 30)
    gated_line, plain_line = ax.lines
    assert np.array_equal(gated_line.get_xdata(), np.arange(31))
    assert np.array_equal(gated_line.get_ydata(), gated) and np.array_equal(plain_line.get_ydata(), plain)
    assert ax.get_yscale() == "log"
    low, high = ax.get_ylim()
    assert low <= min(gated.min(), plain.min()) and high >= max(gated.max(), plain.max())
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["gated cell, $b_u = -2$", "plain tanh RNN"]
    assert tuple(fig.get_size_inches()) == (6.4, 4.0)  # legible at a phone's 390 px


def test_each_slider_changes_what_the_figure_plots():
    def lines(gate_bias, scale, T):
        return [line.get_ydata() for line in gradient_flow_figure(gate_bias, scale, T).axes[0].lines]

    gated, plain = lines(DEFAULTS["gate_bias"], DEFAULTS["scale"], DEFAULTS["T"])
    other_bias = lines(DEFAULTS["gate_bias"] + 2.0, DEFAULTS["scale"], DEFAULTS["T"])
    assert not np.array_equal(other_bias[0], gated) and np.array_equal(other_bias[1], plain)  # no gate in the plain RNN
    other_scale = lines(DEFAULTS["gate_bias"], 2.0, DEFAULTS["T"])
    assert not np.array_equal(other_scale[0], gated) and not np.array_equal(other_scale[1], plain)
    assert all(len(y) == 21 for y in lines(DEFAULTS["gate_bias"], DEFAULTS["scale"], 20))


def test_widget_has_three_typeset_sliders_at_their_defaults_above_its_figure():
    box = gradient_flow_explorer()
    gate_bias, scale, T, out = box.children
    assert isinstance(gate_bias, widgets.FloatSlider) and isinstance(scale, widgets.FloatSlider)
    assert isinstance(T, widgets.IntSlider)
    assert (gate_bias.value, scale.value, T.value) == (DEFAULTS["gate_bias"], DEFAULTS["scale"], DEFAULTS["T"])
    assert (T.min, T.max) == (5, 100) and gate_bias.min < 0 < gate_bias.max and scale.min > 0
    assert all("\\(" in c.description and not c.continuous_update for c in (gate_bias, scale, T))
    assert isinstance(out, widgets.Output)  # the figure (needs a kernel to capture it)


def test_moving_a_slider_redraws_with_the_new_value(monkeypatch):
    calls = []

    def record(**values):
        calls.append(values)
        return gradient_flow_figure(**values)

    monkeypatch.setattr(gradient_flow, "gradient_flow_figure", record)
    gate_bias, scale, T, _ = gradient_flow_explorer().children
    T.value = 25
    gate_bias.value = 1.0
    assert calls == [dict(DEFAULTS), dict(DEFAULTS, T=25), dict(DEFAULTS, T=25, gate_bias=1.0)]


def test_static_figure_has_one_curve_per_gate_bias_and_the_plain_rnn():
    [ax] = plot_gradient_flow(gate_biases=(-4.0, 0.0), T=20).axes
    *gated, plain = ax.lines
    assert len(gated) == 2 and plain.get_linestyle() == "--"
    assert np.array_equal(gated[1].get_ydata(), compare_reach(0.0, DEFAULTS["scale"], 20)[0])
    assert gated[0].get_ydata()[-1] > gated[1].get_ydata()[-1]  # the gate bias -4 keeps more
    assert ax.get_yscale() == "log" and ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    assert len(ax.get_legend().get_texts()) == 3
