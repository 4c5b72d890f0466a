r"""Chapter 4's saturation figure: :math:`\sigma'(z)`, and the weight gradients of a scaled sigmoid network.

Left: :math:`\sigma'(z) = \sigma(z)(1 - \sigma(z))` on a log scale, at most 1/4 (at
:math:`z = 0`) and falling like :math:`e^{-|z|}`. Right: the norm of each layer's weight
gradient against the scale ``s`` of all weights and biases, as
``gradlib.teach.sigmoid_network.saturation_sweep`` returns it.
Matplotlib is imported here, never by ``import gradlib``.
"""
import itertools

import matplotlib.pyplot as plt
import numpy as np

from .._validate import check_float_array
from ..activations import Sigmoid

LAYER_STYLES = (("tab:blue", "o-"), ("tab:red", "s--"), ("tab:green", "^-."), ("tab:purple", "v:"))


def plot_saturation(scales, grad_norms, labels=None, z_max=10.0, marks=(0.0, 5.0)):
    r"""Two panels: :math:`\sigma'(z)` for :math:`|z| \le` ``z_max``, and ``grad_norms`` against ``scales``.

    ``scales: (S,)``, ``grad_norms: (S, L)``, one curve per layer, named by ``labels``
    (default :math:`\lVert \bar W^l \rVert`). ``marks``: values of z where
    :math:`\sigma'(z)` is marked and printed. Returns the (closed) figure.
    """
    scales = check_float_array("plot_saturation", "scales", np.asarray(scales, dtype=np.float64), ("S",))
    grad_norms = check_float_array("plot_saturation", "grad_norms", np.asarray(grad_norms, dtype=np.float64),
                                   (len(scales), "L"))
    if labels is None:
        labels = [rf"$\|\bar W^{l}\|$" for l in range(1, grad_norms.shape[1] + 1)]
    if len(labels) != grad_norms.shape[1]:
        raise ValueError(f"plot_saturation: one label per layer, {grad_norms.shape[1]}, got {len(labels)}")
    fig, (ax_df, ax_grad) = plt.subplots(1, 2, figsize=(6.4, 4.0))
    fig.subplots_adjust(left=0.12, right=0.98, bottom=0.14, top=0.9, wspace=0.38)
    z = np.linspace(-z_max, z_max, 401)
    ax_df.semilogy(z, Sigmoid.df(z), color="black")
    for z_mark in marks:
        value = Sigmoid.df(np.array(z_mark))
        ax_df.plot(z_mark, value, "o", color="tab:orange")
        ax_df.annotate(f"{value:.2g}", (z_mark, value), xytext=(7, -3), textcoords="offset points",
                       fontsize=10)
    ax_df.set_xlabel("pre-activation $z$", fontsize=10)
    ax_df.set_ylabel(r"$\sigma'(z)$", fontsize=10)
    ax_df.set_title(r"$\sigma'(z) \leq 1/4$", fontsize=11)
    for (color, style), label, norms in zip(itertools.cycle(LAYER_STYLES), labels, grad_norms.T):
        ax_grad.semilogy(scales, norms, style, color=color, label=label, ms=4)
    ax_grad.set_xlabel("weight scale $s$", fontsize=10)
    ax_grad.set_ylabel(r"$\|\partial C / \partial W\|$", fontsize=10)
    ax_grad.set_title("Weight gradients against $s$", fontsize=11)
    ax_grad.legend(fontsize=10, loc="lower left")
    for ax in (ax_df, ax_grad):
        ax.tick_params(labelsize=10)
        ax.grid(True, which="major", alpha=0.3)
    plt.close(fig)
    return fig
