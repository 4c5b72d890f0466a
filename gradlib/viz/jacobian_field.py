r"""Figures and the widget of Chapter 3 (the Jacobian of a network's outputs), on 2-D inputs.

The left panel shades one output :math:`y_m(x)` over the input plane, with the
field of its gradient :math:`\nabla_x y_m` (row ``m`` of the input Jacobian) as pale
arrows; at the chosen point it draws every row of :math:`J_x`, one arrow per
output. The right panel is the Jacobian with respect to the last layer's weights,
:math:`\partial y_m / \partial W^{(L)}_{ji}`, as a heatmap with one row per output
``k``: it is zero unless ``j = k`` (Ukkonen's "non-zero terms are at the j:th row").
``plot_mode_times`` draws what a Jacobian costs in reverse and forward mode.
Matplotlib and ipywidgets are imported here, never by ``import gradlib``.
"""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..linear import Linear
from ..per_example import jacobian
from .live import live_figure

OUTPUT_COLORS = ("tab:red", "tab:blue", "tab:green", "tab:purple")
# The widget's defaults: a 60 x 60 shaded field and 13 x 13 arrows redraw in well under a second.
DEFAULTS = {"x0": 0.5, "x1": -0.5, "output": 0, "resolution": 60, "arrows": 13, "extent": 2.0}


def last_weight_key(net):
    """The key of the last ``Linear``'s weight matrix in ``net.named_parameters()``."""
    keys = [key for key, layer, name in net.named_parameters() if isinstance(layer, Linear) and name == "W"]
    if not keys:
        raise ValueError(f"last_weight_key: {net!r} has no Linear layer")
    return keys[-1]


def draw_output_field(ax, net, point, output, resolution=60, arrows=13, extent=2.0):
    """Shade ``y_output`` over ``[-extent, extent]^2``, its gradient field, and ``J_x`` at ``point: (2,)``."""
    g = np.linspace(-extent, extent, resolution)
    g0, g1 = np.meshgrid(g, g)
    y = net.forward(np.column_stack([g0.ravel(), g1.ravel()]))[:, output].reshape(g0.shape)
    shade = ax.contourf(g0, g1, y, levels=20, cmap="viridis")
    a = np.linspace(-extent, extent, arrows)
    a0, a1 = np.meshgrid(a, a)
    _, J_grid = jacobian(net, np.column_stack([a0.ravel(), a1.ravel()]))
    ax.quiver(a0.ravel(), a1.ravel(), J_grid[:, output, 0], J_grid[:, output, 1], color="white",
              alpha=0.55, angles="xy", width=0.004)
    _, J_x = jacobian(net, np.asarray(point, dtype=np.float64)[None, :])
    scale = 0.6 * extent / max(np.abs(J_x).max(), 1e-12)   # the longest arrow: 0.6 extent
    for k, row in enumerate(J_x[0]):
        ax.annotate("", xy=point + scale * row, xytext=point,
                    arrowprops=dict(arrowstyle="-|>", color=OUTPUT_COLORS[k % len(OUTPUT_COLORS)],
                                    lw=3.0 if k == output else 1.5))
        ax.plot([], [], color=OUTPUT_COLORS[k % len(OUTPUT_COLORS)], lw=3.0 if k == output else 1.5,
                label=rf"$\nabla_x y_{k}$")
    ax.plot(*point, "o", color="white", markeredgecolor="black", ms=7)
    ax.legend(loc="lower left", fontsize=9, framealpha=0.8)
    ax.set_xlim(-extent, extent)
    ax.set_ylim(-extent, extent)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_0$")
    ax.set_ylabel("$x_1$")
    ax.set_title(rf"$y_{output}(x)$ and the rows of $J_x$")
    return shade


def draw_weight_jacobian(ax, net, point):
    r"""Heatmap of :math:`\partial y_m / \partial W^{(L)}_{ji}` at ``point``: rows ``m``, columns ``(j, i)`` j-major."""
    J_params, _ = jacobian(net, np.asarray(point, dtype=np.float64)[None, :])
    J_W = J_params[last_weight_key(net)][0]            # (K, n_L, n_{L-1})
    K, n_out, n_in = J_W.shape
    flat = J_W.reshape(K, n_out * n_in)
    bound = max(np.abs(flat).max(), 1e-12)
    image = ax.imshow(flat, cmap="RdBu_r", vmin=-bound, vmax=bound, aspect="auto",
                      interpolation="nearest")
    for j in range(1, n_out):
        ax.axvline(j * n_in - 0.5, color="black", lw=0.8)
    ax.set_xticks([j * n_in + (n_in - 1) / 2 for j in range(n_out)], [f"j = {j}" for j in range(n_out)])
    ax.set_yticks(range(K), [f"$y_{k}$" for k in range(K)])
    ax.set_xlabel(rf"entry $(j, i)$ of $W^{{(L)}}$, $i = 0..{n_in - 1}$ in each block")
    ax.set_title(r"$\partial y_m / \partial W^{(L)}_{ji}$")
    return image


def jacobian_field_figure(net, point, output=0, resolution=60, arrows=13, extent=2.0):
    """The widget's figure: the output field with the rows of ``J_x`` (left), the last-layer heatmap (right)."""
    point = np.asarray(point, dtype=np.float64)
    fig, (ax_field, ax_heat) = plt.subplots(1, 2, figsize=(9.0, 4.2),
                                            gridspec_kw={"width_ratios": [1.0, 1.1]})
    fig.subplots_adjust(left=0.08, right=0.92, bottom=0.16, top=0.9, wspace=0.4)
    shade = draw_output_field(ax_field, net, point, output, resolution, arrows, extent)
    fig.colorbar(shade, ax=ax_field, fraction=0.046, pad=0.03)
    image = draw_weight_jacobian(ax_heat, net, point)
    fig.colorbar(image, ax=ax_heat, fraction=0.046, pad=0.03)
    plt.close(fig)
    return fig


def jacobian_explorer(net, extent=DEFAULTS["extent"]):
    """Chapter 3's widget: sliders for the input point, a menu for the output shaded.

    ``net`` maps ``(B, 2)`` to ``(B, K)``. Each change redraws ``jacobian_field_figure``.
    """
    K = net.forward(np.zeros((1, 2))).shape[1]

    def draw(x0, x1, output):
        return jacobian_field_figure(net, np.array([x0, x1]), output, DEFAULTS["resolution"],
                                     DEFAULTS["arrows"], extent)

    def slider(value, name):
        return widgets.FloatSlider(value=value, min=-extent, max=extent, step=0.05, description=name,
                                   continuous_update=False, readout_format=".2f")

    return live_figure(
        draw,
        x0=slider(DEFAULTS["x0"], r"\(x_0\)"),
        x1=slider(DEFAULTS["x1"], r"\(x_1\)"),
        output=widgets.Dropdown(options=[(f"y{k}", k) for k in range(K)], value=DEFAULTS["output"],
                                description=r"shade \(y_m\)"),
    )


def plot_mode_times(outputs, reverse, forward, n0):
    """Seconds for the input Jacobian against the output dimension ``K``, reverse and forward mode.

    ``reverse`` and ``forward`` are as ``gradlib.teach.jacobian_modes.time_modes`` returns them;
    the dotted line marks ``K = n0``, where the two modes make the same number of passes.
    """
    fig, ax = plt.subplots(figsize=(5.6, 3.8))
    fig.subplots_adjust(left=0.15, right=0.97, bottom=0.15, top=0.9)
    ax.loglog(outputs, [1e3 * t for t in reverse], "o-", color="tab:red",
              label="reverse: one backward pass per output")
    ax.loglog(outputs, [1e3 * t for t in forward], "s--", color="tab:blue",
              label="forward: one tangent pass per input")
    ax.axvline(n0, color="gray", ls=":", lw=1)
    ax.annotate(f"$K = n_0 = {n0}$", (n0, ax.get_ylim()[1]), xytext=(4, -14),
                textcoords="offset points", fontsize=10, color="gray")
    ax.set_xlabel("number of outputs $K$", fontsize=11)
    ax.set_ylabel("time for $J_x$ (ms)", fontsize=11)
    ax.set_title(f"Input Jacobian, $n_0 = {n0}$ inputs", fontsize=11)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=9, loc="upper left")
    plt.close(fig)
    return fig
