r"""The figures and the widget of Chapter 5's demonstrations of double backprop.

- ``sobolev_figure``: a network fitted to samples of :math:`f(x) = \sin 3x`, with and
  without slope labels, against the truth: the values on top, the derivatives below.
  The widget, ``sobolev_explorer``, refits and redraws it for a weight :math:`\lambda` and
  a number of samples with slope labels.
- ``plot_smooth_classifiers``: the probability of class 1 over the plane for classifiers
  trained with and without the Jacobian penalty; ``plot_jacobian_norm_maps``: the size of
  their input Jacobians over the plane. Both are ``panel_figure``: one panel per classifier.

The fits come from ``gradlib.teach.sobolev``. Matplotlib and ipywidgets are imported
here, never by ``import gradlib``.
"""
from functools import lru_cache

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LogNorm

from ..losses import softmax
from ..teach.sobolev import (STEPS, dense_grid, fit_sobolev, input_jacobian, jacobian_norms, sobolev_data,
                             sobolev_errors, target, target_slope)
from .live import live_figure

# The widget's defaults: six samples, every one with its slope, a weight of 1. One fit of
# 500 Adam steps on a 1-16-16-1 tanh network, and the drawing, take well under a second.
DEFAULTS = {"lam": 1.0, "n_slopes": 6}
N_SAMPLES = 6
VALUES_ONLY = dict(color="tab:orange", lw=1.8, ls="--")
WITH_SLOPES = dict(color="tab:blue", lw=2.0)
TRUTH = dict(color="black", lw=1.0)
TICK = 0.15  # half the width of a flat tangent tick at a sample with a slope label (steeper ones are narrower)


def fitted_curves(lam, n_slopes, steps=STEPS):
    """``(y, slope, (value_error, slope_error))`` of ``fit_sobolev(lam, n_slopes, N_SAMPLES)`` on ``dense_grid()``."""
    net, _ = fit_sobolev(lam, n_slopes, N_SAMPLES, steps)
    y, y_dot = input_jacobian(net, dense_grid())
    return y[:, 0], y_dot[:, 0, 0], sobolev_errors(net)


@lru_cache(maxsize=2)
def values_only_curves(steps=STEPS):
    """``fitted_curves(0, 0, steps)``, the fit without slope labels: drawn on every redraw, trained once."""
    return fitted_curves(0.0, 0, steps)


def draw_fits(ax_value, ax_slope, lam, n_slopes, steps=STEPS):
    """The truth, the samples, and the fits without and with slope labels: values and derivatives."""
    x = dense_grid()[:, 0]
    xs, ys, slopes, has_slope = sobolev_data(N_SAMPLES, n_slopes)
    xs, ys, slopes = xs[:, 0], ys[:, 0], slopes[:, 0, 0]
    plain, plain_slope, plain_error = values_only_curves(steps)
    fit, fit_slope, fit_error = fitted_curves(float(lam), int(n_slopes), steps)
    ax_value.plot(x, target(x), label=r"truth $\sin 3x$", **TRUTH)
    ax_value.plot(x, plain, label=f"values only (error {plain_error[0]:.2g})", **VALUES_ONLY)
    ax_value.plot(x, fit, label=f"with slopes (error {fit_error[0]:.2g})", **WITH_SLOPES)
    ax_value.plot(xs, ys, "o", color="black", ms=5, label="samples", zorder=3)
    for x0, y0, s0 in zip(xs[has_slope], ys[has_slope], slopes[has_slope]):
        dx = TICK / np.hypot(1.0, s0 / 3.0)  # about the same length on screen whatever the slope
        ax_value.plot([x0 - dx, x0 + dx], [y0 - dx * s0, y0 + dx * s0], color="tab:red", lw=2.5, zorder=4,
                      label="slope labels" if x0 == xs[has_slope][0] else None)
    ax_value.set_ylabel("$y(x)$", fontsize=11)
    ax_value.legend(fontsize=9, loc="lower center", framealpha=0.9, ncol=3, handlelength=1.6, columnspacing=1.0)
    ax_slope.plot(x, target_slope(x), label=r"truth $3 \cos 3x$", **TRUTH)
    ax_slope.plot(x, plain_slope, label=f"values only (error {plain_error[1]:.2g})", **VALUES_ONLY)
    ax_slope.plot(x, fit_slope, label=f"with slopes (error {fit_error[1]:.2g})", **WITH_SLOPES)
    ax_slope.plot(xs[has_slope], slopes[has_slope], "s", color="tab:red", ms=5, label="slope labels", zorder=3)
    ax_slope.set_ylabel(r"$\partial y / \partial x$", fontsize=11)
    ax_slope.set_xlabel("$x$", fontsize=11)
    ax_slope.legend(fontsize=9, loc="lower center", framealpha=0.9, ncol=3, handlelength=1.6, columnspacing=1.0)
    for ax in (ax_value, ax_slope):
        ax.grid(True, alpha=0.3)
        ax.tick_params(labelsize=10)
    ax_value.set_ylim(-2.3, 1.35)
    ax_value.set_yticks([-2, -1, 0, 1])
    ax_slope.set_ylim(-7.5, 4.6)
    ax_slope.set_yticks([-6, -3, 0, 3])


def sobolev_figure(lam, n_slopes, steps=STEPS):
    r"""The widget's figure: the fits at weight ``lam`` with ``n_slopes`` slope labels, 6.4 x 4.8 in, closed."""
    fig, (ax_value, ax_slope) = plt.subplots(2, 1, sharex=True, figsize=(6.4, 4.8))
    fig.subplots_adjust(left=0.12, right=0.97, bottom=0.1, top=0.92, hspace=0.08)
    draw_fits(ax_value, ax_slope, lam, n_slopes, steps)
    ax_value.set_title(rf"Fitting $\sin 3x$ from {N_SAMPLES} samples, {n_slopes} with slopes, "
                       rf"$\lambda = {lam:.3g}$", fontsize=11)
    plt.close(fig)
    return fig


def sobolev_explorer():
    r"""Chapter 5's widget: sliders for the weight :math:`\lambda` of the slope term and the number
    :math:`n_s` of samples with slope labels; each change refits and redraws ``sobolev_figure``.
    """
    return live_figure(
        sobolev_figure,
        lam=widgets.FloatLogSlider(value=DEFAULTS["lam"], base=10, min=-2, max=1, step=0.25,
                                   description=r"\(\lambda\) (slopes)", continuous_update=False,
                                   readout_format=".2g"),
        n_slopes=widgets.IntSlider(value=DEFAULTS["n_slopes"], min=0, max=N_SAMPLES, step=1,
                                   description=r"\(n_s\) (labelled)", continuous_update=False),
    )


def plane_grid(extent=1.3, resolution=120):
    """``(g0, g1, points)``: a ``resolution x resolution`` grid of ``[-extent, extent]^2``, its points ``(n, 2)``."""
    g = np.linspace(-extent, extent, resolution)
    g0, g1 = np.meshgrid(g, g)
    return g0, g1, np.column_stack([g0.ravel(), g1.ravel()])


def draw_data(ax, X, labels, size=22):
    """The two classes of ``X: (B, 2)`` as white circles and black triangles, labelled for a legend."""
    for k, (marker, fill, edge) in enumerate((("o", "white", "black"), ("^", "black", "white"))):
        ax.scatter(*X[labels == k].T, marker=marker, s=size, facecolors=fill, edgecolors=edge,
                   linewidths=0.5, label=f"class {k}")


def draw_class_probability(ax, net, X, labels, extent=1.3, resolution=120):
    """Shade :math:`P(\\text{class } 1)` of ``net`` over ``[-extent, extent]^2``, its 0.5 contour and the data.

    Returns the filled contour set (for a colour bar).
    """
    g0, g1, points = plane_grid(extent, resolution)
    P = softmax(net.forward(points))[:, 1].reshape(g0.shape)
    shade = ax.contourf(g0, g1, P, levels=np.linspace(0.0, 1.0, 11), cmap="RdBu_r")
    ax.contour(g0, g1, P, levels=[0.5], colors="black", linewidths=1.0)
    draw_data(ax, X, labels)
    return shade


def panel_figure(draw, titles, title, bar_label, bar_ticks=None, bar_labelpad=None):
    """One panel per title, side by side, sharing ``y`` and a colour bar: ``draw(k, ax)`` shades panel ``k``."""
    fig, axes = plt.subplots(1, len(titles), figsize=(6.4, 3.3), sharey=True)
    fig.subplots_adjust(left=0.1, right=0.86, bottom=0.14, top=0.87, wspace=0.08)
    for k, (ax, panel_title) in enumerate(zip(axes, titles)):
        shade = draw(k, ax)
        ax.set_title(panel_title, fontsize=11)
        ax.set_xlabel("$x_0$", fontsize=11)
        ax.set_aspect("equal")
        ax.tick_params(labelsize=10)
    axes[0].set_ylabel("$x_1$", fontsize=11)
    bar = fig.colorbar(shade, ax=list(axes), fraction=0.04, pad=0.03, ticks=bar_ticks)
    bar.set_label(bar_label, fontsize=10, labelpad=bar_labelpad)
    bar.ax.tick_params(labelsize=9)
    fig.suptitle(title, fontsize=11)
    plt.close(fig)
    return fig, axes


def plot_smooth_classifiers(nets, titles, X, labels, title):
    r"""One panel per classifier of ``nets``: :math:`P(\text{class } 1)` over the plane, the data, a shared colour bar."""
    fig, axes = panel_figure(lambda k, ax: draw_class_probability(ax, nets[k], X, labels), titles, title,
                             "P(class 1)")
    axes[0].legend(fontsize=9, loc="upper left", framealpha=0.9)
    return fig


def plot_jacobian_norm_maps(nets, titles, X, labels, title, extent=1.3, resolution=120):
    r"""One panel per classifier: :math:`\lVert \partial z / \partial x \rVert_F` over the plane (log colour scale).

    The size of each logit's input gradient at every point of ``[-extent, extent]^2``, with the
    data, for the classifiers ``nets`` (shared colour scale): where it is large, the logits
    change fast as the input moves.
    """
    g0, g1, points = plane_grid(extent, resolution)
    norms = [jacobian_norms(net, points).reshape(g0.shape) for net in nets]
    low = np.floor(np.log10(min(n.min() for n in norms)))
    high = np.ceil(np.log10(max(n.max() for n in norms)))
    levels = np.logspace(low, high, int(3 * (high - low)) + 1)  # three shades per decade

    def draw(k, ax):
        shade = ax.contourf(g0, g1, norms[k], levels=levels, norm=LogNorm(), cmap="viridis")
        draw_data(ax, X, labels, size=18)
        return shade
    fig, _ = panel_figure(draw, titles, title, r"$\| \partial z / \partial x \|$",
                          bar_ticks=10.0 ** np.arange(low, high + 1), bar_labelpad=2)
    return fig
