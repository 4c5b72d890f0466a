"""Chapter 5's widget and figures: fits with and without slope labels, and two spiral classifiers."""
import ipywidgets as widgets
import numpy as np

import gradlib.viz.sobolev as sobolev
from gradlib.teach.sobolev import (dense_grid, fit_smooth_classifier, jacobian_norms, sobolev_data, spiral_data, target,
                                   target_slope)
from gradlib.viz.sobolev import (DEFAULTS, N_SAMPLES, fitted_curves, plot_jacobian_norm_maps, plot_smooth_classifiers,
                                 sobolev_explorer, sobolev_figure, values_only_curves)

STEPS = 40  # a short fit: the tests check what is drawn, not how well it fits


def curves(fig):
    """``{label: ydata}`` of the labelled lines of both panels, keyed ``(panel, label)``."""
    return {(i, line.get_label()): line.get_ydata() for i, ax in enumerate(fig.axes) for line in ax.lines
            if not line.get_label().startswith("_")}


def test_figure_draws_truth_samples_and_both_fits_of_values_and_derivatives():
    fig = sobolev_figure(0.5, 3, steps=STEPS)
    ax_value, ax_slope = fig.axes
    x = dense_grid()[:, 0]
    fit, fit_slope, fit_error = fitted_curves(0.5, 3, STEPS)
    plain, plain_slope, plain_error = values_only_curves(STEPS)
    lines = curves(fig)
    assert np.array_equal(lines[0, r"truth $\sin 3x$"], target(x))
    assert np.array_equal(lines[1, r"truth $3 \cos 3x$"], target_slope(x))
    assert np.array_equal(lines[0, f"with slopes (error {fit_error[0]:.2g})"], fit)
    assert np.array_equal(lines[1, f"with slopes (error {fit_error[1]:.2g})"], fit_slope)
    assert np.array_equal(lines[0, f"values only (error {plain_error[0]:.2g})"], plain)
    assert np.array_equal(lines[1, f"values only (error {plain_error[1]:.2g})"], plain_slope)
    xs, ys, slopes, has_slope = sobolev_data(N_SAMPLES, 3)
    assert np.array_equal(lines[0, "samples"], ys[:, 0])
    assert np.array_equal(lines[1, "slope labels"], slopes[has_slope, 0, 0])
    ticks = [line for line in ax_value.lines if line.get_color() == "tab:red"]
    assert len(ticks) == 3  # one tangent tick per sample with a slope label
    for tick, x0, y0, s0 in zip(ticks, xs[has_slope, 0], ys[has_slope, 0], slopes[has_slope, 0, 0]):
        (x_a, x_b), (y_a, y_b) = tick.get_xdata(), tick.get_ydata()
        assert np.isclose((y_b - y_a) / (x_b - x_a), s0) and np.isclose((x_a + x_b) / 2, x0)
        assert np.isclose((y_a + y_b) / 2, y0)
    assert ax_slope.get_xlabel() and ax_value.get_ylabel() and ax_slope.get_ylabel()
    assert "3 with slopes" in ax_value.get_title() and r"\lambda = 0.5" in ax_value.get_title()
    assert ax_value.get_legend() and ax_slope.get_legend()
    assert tuple(fig.get_size_inches()) == (6.4, 4.8)  # two panels, legible at a phone's 390 px


def test_each_slider_changes_what_the_figure_plots():
    def fitted(lam, n_slopes):
        fig = sobolev_figure(lam, n_slopes, steps=STEPS)
        return [line.get_ydata() for ax in fig.axes for line in ax.lines
                if line.get_label().startswith("with slopes")], curves(fig)

    (fit, fit_slope), base = fitted(1.0, 6)
    (other_fit, other_slope), other_lam = fitted(0.1, 6)
    assert not np.array_equal(other_fit, fit) and not np.array_equal(other_slope, fit_slope)
    (fewer_fit, _), fewer = fitted(1.0, 2)
    assert not np.array_equal(fewer_fit, fit)
    assert len(fewer[1, "slope labels"]) == 2 and len(base[1, "slope labels"]) == 6
    plain = [y for (panel, label), y in base.items() if label.startswith("values only")]
    plain_fewer = [y for (panel, label), y in fewer.items() if label.startswith("values only")]
    assert all(np.array_equal(a, b) for a, b in zip(plain, plain_fewer))  # the reference does not move
    (none_fit, _), none = fitted(1.0, 0)
    assert np.array_equal(none_fit, plain[0])  # no slope labels: the fit of the values alone
    assert (1, "slope labels") not in none or len(none[1, "slope labels"]) == 0


def test_widget_has_two_typeset_sliders_at_their_defaults_above_its_figure():
    box = sobolev_explorer()
    lam, n_slopes, out = box.children
    assert isinstance(lam, widgets.FloatLogSlider) and isinstance(n_slopes, widgets.IntSlider)
    assert (lam.value, n_slopes.value) == (DEFAULTS["lam"], DEFAULTS["n_slopes"])
    assert (n_slopes.min, n_slopes.max) == (0, N_SAMPLES) and lam.base ** lam.min > 0
    assert all("\\(" in c.description and not c.continuous_update for c in (lam, n_slopes))
    assert lam.description.startswith(r"\(\lambda\)")
    assert n_slopes.description.startswith(r"\(n_s\)")  # not k, the chapter's tangent direction
    assert isinstance(out, widgets.Output)  # the figure (needs a kernel to capture it)


def test_moving_a_slider_redraws_with_the_new_value(monkeypatch):
    calls = []

    def record(**values):
        calls.append(values)
        return sobolev_figure(**values, steps=STEPS)

    monkeypatch.setattr(sobolev, "sobolev_figure", record)
    lam, n_slopes, _ = sobolev_explorer().children
    n_slopes.value = 2
    lam.value = 0.1
    assert calls == [dict(DEFAULTS), dict(DEFAULTS, n_slopes=2), dict(DEFAULTS, n_slopes=2, lam=0.1)]


def test_classifier_figure_has_one_labelled_panel_per_network_and_a_colour_bar():
    X, y = spiral_data(20)
    nets = [fit_smooth_classifier(lam, X, y, steps=20)[0] for lam in (0.0, 1e-3)]
    fig = plot_smooth_classifiers(nets, ["no penalty", r"$\lambda = 0.001$"], X, y, "Two spirals")
    *panels, bar = fig.axes
    assert [ax.get_title() for ax in panels] == ["no penalty", r"$\lambda = 0.001$"]
    assert all(ax.get_xlabel() for ax in panels) and panels[0].get_ylabel()
    assert [t.get_text() for t in panels[0].get_legend().get_texts()] == ["class 0", "class 1"]
    assert bar.get_ylabel() == "P(class 1)" and fig._suptitle.get_text() == "Two spirals"
    assert tuple(fig.get_size_inches()) == (6.4, 3.3)


def test_jacobian_norm_maps_shade_each_classifiers_input_gradient_norm():
    X, y = spiral_data(20)
    nets = [fit_smooth_classifier(lam, X, y, steps=20)[0] for lam in (0.0, 1e-3)]
    fig = plot_jacobian_norm_maps(nets, ["no penalty", "penalty"], X, y, "Input gradients", resolution=15)
    *panels, bar = fig.axes
    assert [ax.get_title() for ax in panels] == ["no penalty", "penalty"]
    assert all(ax.get_xlabel() for ax in panels) and panels[0].get_ylabel()
    assert "partial z" in bar.get_ylabel() and fig._suptitle.get_text() == "Input gradients"
    # the shaded values are the norms of jacobian_norms on the grid: the extremes bound every level
    g = np.linspace(-1.3, 1.3, 15)
    g0, g1 = np.meshgrid(g, g)
    norms = np.concatenate([jacobian_norms(net, np.column_stack([g0.ravel(), g1.ravel()])) for net in nets])
    assert norms.min() > 0
    bar_low, bar_high = bar.get_ylim()
    assert bar_low <= norms.min() and norms.max() <= bar_high
    assert tuple(fig.get_size_inches()) == (6.4, 3.3)
