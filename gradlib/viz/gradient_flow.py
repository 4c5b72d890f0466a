r"""The widget and figure of Chapter 4: how far back the gradient of a last-step loss reaches.

Both plot ``gradlib.teach.gradient_flow.gradient_reach``, the size of
:math:`\partial C / \partial A_t` for a cost on the last step ``T`` only, against the
distance ``T - t``, on a log scale: the gated cell's against the plain tanh RNN's
that shares its candidate weights. A straight line on this scale is a geometric
decay, one factor :math:`\partial A_t / \partial A_{t-1}` per step.
Matplotlib and ipywidgets are imported here, never by ``import gradlib``.
"""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..teach.gradient_flow import compare_reach
from .live import live_figure

# The widget's defaults: a negative gate bias keeps the update gate near 0, so the state and its
# adjoint are copied from step to step. 16 sequences of 8 units redraw in well under a second.
DEFAULTS = {"gate_bias": -3.0, "scale": 1.0, "T": 60}
PLAIN_STYLE = dict(color="tab:red", lw=2, ls="--")
FLOOR = 1e-20  # the lowest the plot goes: far below what float64 resolves next to a gradient of size 1


def draw_gradient_flow(ax, curves, T):
    r"""Draw each ``(label, reach, style)`` of ``curves`` against ``T - t = 0..T`` on a log scale."""
    lag = np.arange(T + 1)
    for label, reach, style in curves:
        ax.semilogy(lag, reach, label=label, **style)
    values = np.concatenate([reach for _, reach, _ in curves])
    low, high = max(values.min() / 2, FLOOR), max(2 * values.max(), FLOOR)
    ax.set_ylim(10 ** np.floor(np.log10(low)), 10 ** np.ceil(np.log10(high)))
    ax.set_xlim(0, T)
    ax.set_xlabel("steps back from the loss, $T - t$", fontsize=11)
    ax.set_ylabel(r"$\| \partial C / \partial A_t \|$ (batch mean)", fontsize=11)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=9, loc="lower left", framealpha=0.9)


def flow_figure(curves, T, title):
    """A closed 6.4 x 4 in Figure of ``draw_gradient_flow(curves, T)`` with ``title``."""
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    fig.subplots_adjust(left=0.14, right=0.97, bottom=0.13, top=0.9)
    draw_gradient_flow(ax, curves, T)
    ax.set_title(title, fontsize=11)
    plt.close(fig)
    return fig


def gradient_flow_figure(gate_bias, scale, T):
    """The widget's figure: the gated cell and the plain tanh RNN at these settings."""
    gated, plain = compare_reach(gate_bias, scale, T)
    return flow_figure([(rf"gated cell, $b_u = {gate_bias:g}$", gated, dict(color="tab:blue", lw=2)),
                        ("plain tanh RNN", plain, PLAIN_STYLE)],
                       T, rf"Loss at step $T = {T}$; $v_u, v_c$ scaled by $s = {scale:g}$")


def gradient_flow_explorer():
    r"""Chapter 4's widget: sliders for the gate bias :math:`b_u`, the scale ``s`` of the recurrent
    weights :math:`v_u, v_c`, and the length ``T``; each change redraws ``gradient_flow_figure``.
    """
    return live_figure(
        gradient_flow_figure,
        gate_bias=widgets.FloatSlider(value=DEFAULTS["gate_bias"], min=-6.0, max=4.0, step=0.5,
                                      description=r"\(b_u\) (gate)", continuous_update=False,
                                      readout_format=".1f"),
        scale=widgets.FloatSlider(value=DEFAULTS["scale"], min=0.1, max=3.0, step=0.1,
                                  description=r"\(s\) (scale)", continuous_update=False,
                                  readout_format=".1f"),
        T=widgets.IntSlider(value=DEFAULTS["T"], min=5, max=100, step=5, description=r"\(T\) (length)",
                            continuous_update=False),
    )


def plot_gradient_flow(gate_biases=(-4.0, -2.0, 0.0, 2.0), scale=DEFAULTS["scale"], T=DEFAULTS["T"]):
    """A static figure: the gated cell for several gate biases, and the plain tanh RNN."""
    colors = plt.get_cmap("viridis")(np.linspace(0.0, 0.85, len(gate_biases)))
    curves = []
    for b_u, color in zip(gate_biases, colors):
        gated, plain = compare_reach(b_u, scale, T)
        curves.append((rf"gated, $b_u = {b_u:g}$", gated, dict(color=color, lw=2)))
    return flow_figure(curves + [("plain tanh RNN", plain, PLAIN_STYLE)], T,
                       rf"The update gate carries the gradient back ($T = {T}$, $s = {scale:g}$)")
