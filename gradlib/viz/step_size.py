"""Chapter 0's figure and widget. Matplotlib and ipywidgets are imported here, never by ``import gradlib``.

The figure is error of a finite-difference gradient against the
step size h: truncation error falls with h, round-off error grows as h shrinks,
and the best h sits where they meet (Chapter 0, eq. (0.6)).
Every function returns a closed matplotlib Figure: show it by making it the
last value of a notebook cell, or save it with ``fig.savefig``.
"""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..check import numerical_grad, rel_error
from .live import live_figure

SCHEMES = ("forward", "central")
PRECISIONS = ("float64", "float32")
STEP_SIZES = np.logspace(-14, 0, 57)  # four steps per decade

_COLORS = {"forward": "tab:blue", "central": "tab:orange"}
_LINESTYLES = {"float64": "-", "float32": "--"}


def optimal_step(scheme, precision):
    """The step that balances truncation and round-off error for unit-sized derivatives.

    Forward difference: h ~ sqrt(eps). Central difference: h ~ (3 eps)^(1/3).
    ``eps`` is the machine epsilon of ``precision`` ("float64" or "float32").
    """
    eps = np.finfo(precision).eps
    return float(np.sqrt(eps) if scheme == "forward" else np.cbrt(3.0 * eps))


def step_size_errors(f, grad, x, hs, scheme="central", precision="float64"):
    """Relative error of the finite-difference gradient of ``f`` at ``x``, one per step in ``hs``.

    ``f`` maps an array like ``x`` to a scalar and must compute in the precision of
    its argument; ``grad(x)`` is the exact gradient, evaluated in float64.
    """
    exact = grad(np.asarray(x, dtype=np.float64))
    return np.array([rel_error(numerical_grad(f, x, h, scheme, precision), exact)
                     for h in hs])


def plot_step_size_errors(f, grad, x, hs=STEP_SIZES, mark=None):
    """Log-log figure of relative error against step size h.

    One curve per difference scheme (colour) and precision (line style), a star at
    each curve's ``optimal_step``, and reference slopes h, h^2 (truncation) and
    1/h (round-off). ``mark = (h, scheme, precision)`` highlights that curve and
    marks the step h on it.
    """
    fig, ax = plt.subplots(figsize=(7.0, 4.5))
    fig.subplots_adjust(left=0.11, right=0.97, bottom=0.12, top=0.92)  # faster than tight_layout
    for scheme in SCHEMES:
        for precision in PRECISIONS:
            faded = mark is not None and (scheme, precision) != tuple(mark[1:])
            style = dict(color=_COLORS[scheme], alpha=0.3 if faded else 1.0)
            ax.loglog(hs, step_size_errors(f, grad, x, hs, scheme, precision),
                      ls=_LINESTYLES[precision], label=f"{scheme}, {precision}", **style)
            h_opt = optimal_step(scheme, precision)
            ax.loglog(h_opt, step_size_errors(f, grad, x, [h_opt], scheme, precision)[0],
                      "*", ms=13, mec="black", **style)
    _draw_reference_slopes(ax, f, grad, x)
    if mark is not None:
        h, scheme, precision = mark
        ax.axvline(h, color="gray", lw=0.8)
        ax.loglog(h, step_size_errors(f, grad, x, [h], scheme, precision)[0], "o",
                  ms=9, mfc="none", mec="black", mew=2, label=f"h = {h:.1e}")
    ax.plot([], [], "*", color="gray", mec="black", ms=13, label="optimal h (theory)")
    ax.set_ylim(1e-13, 1e2)
    ax.set_xlabel("step size h")
    ax.set_ylabel("relative error of the gradient")
    ax.set_title("Finite-difference gradient: error against step size")
    ax.legend(loc="lower left", fontsize=8, ncol=2)
    ax.grid(True, which="major", alpha=0.3)
    plt.close(fig)
    return fig


def _draw_reference_slopes(ax, f, grad, x):
    """Grey lines of slope 1, 2 and -1 beside the float64 curves they explain."""
    for scheme, slope, shift, (lo, hi), (label_h, ha, va), label in (
        ("forward", 1, 10.0, (1e-6, 1e-1), (1e-5, "right", "bottom"), "slope 1: O(h)"),
        ("central", 2, 0.1, (1e-4, 1e0), (1e-4, "left", "top"), "slope 2: O(h²)"),
        ("central", -1, 10.0, (1e-14, 1e-8), (1e-14, "left", "bottom"), "slope −1: O(ε/h)"),
    ):
        mid = np.sqrt(lo * hi)  # anchor the line on the curve at the middle of its span
        e_mid = shift * step_size_errors(f, grad, x, [mid], scheme, "float64")[0]
        hs = np.array([lo, hi, label_h])
        es = e_mid * (hs / mid) ** slope
        ax.loglog(hs[:2], es[:2], ":", color="gray", lw=1.2)
        ax.annotate(label, (hs[2], es[2]), fontsize=8, color="dimgray", ha=ha, va=va)


def step_size_explorer(f, grad, x):
    """Chapter 0's widget: choose log10 h, scheme and precision; see the error at that h.

    ``f``, ``grad`` and ``x`` are as in ``step_size_errors``.
    """
    def draw(log10_h, scheme, precision):
        h = 10.0 ** log10_h
        error = step_size_errors(f, grad, x, [h], scheme, precision)[0]
        print(f"{scheme} difference in {precision} with h = {h:.1e}: "
              f"relative error {error:.1e}")
        return plot_step_size_errors(f, grad, x, mark=(h, scheme, precision))

    return live_figure(
        draw,
        log10_h=widgets.FloatSlider(value=-5.0, min=-14.0, max=0.0, step=0.25,
                                    description=r"\(\log_{10} h\)", continuous_update=False),
        scheme=widgets.Dropdown(options=SCHEMES, value="central", description="scheme"),
        precision=widgets.Dropdown(options=PRECISIONS, value="float64", description="precision"),
    )
