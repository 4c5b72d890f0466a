"""Chapter 1's computational graph: a chain of nodes, with forward values and backward adjoints.

The nodes run top to bottom, as the forward pass computes them. Each node shows
its value on the left (blue) and its adjoint dC/dnode on the right (red). Between
two nodes, the left arrow points down and carries the forward operation; the right
arrow points up and carries what the backward pass multiplies by (the local
derivative of the edge), as in the cs231n notes' circuit diagrams. Matplotlib is
imported here, never by ``import gradlib``.
"""
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np

FORWARD, BACKWARD = "tab:blue", "tab:red"


@dataclass
class GraphNode:
    """One node of the chain: its name (LaTeX), forward value and adjoint (arrays or numbers)."""

    name: str
    value: object
    adjoint: object


def _numbers(value):
    """A short printout of a number or a vector, 3 decimals."""
    value = np.asarray(value, dtype=float)
    if value.size == 1:
        return f"{value.item():.3f}"
    return "[" + ", ".join(f"{v:.3f}" for v in value.ravel()) + "]"


def draw_computational_graph(nodes, forward_ops, backward_ops, figsize=(6.6, 7.2)):
    """Draw ``nodes`` (a list of GraphNode) as a vertical chain; return the figure.

    ``forward_ops[k]`` labels the edge from node k to node k + 1 in the forward
    pass (how node k + 1 is computed), ``backward_ops[k]`` the same edge in the
    backward pass (how node k's adjoint is computed from node k + 1's). Both
    lists have one entry fewer than ``nodes``. Chapter 1, "The computational graph,
    forward and backward".
    """
    if not len(forward_ops) == len(backward_ops) == len(nodes) - 1:
        raise ValueError(f"draw_computational_graph: {len(nodes)} nodes need {len(nodes) - 1} "
                         f"forward and backward labels, got {len(forward_ops)} and {len(backward_ops)}")
    fig, ax = plt.subplots(figsize=figsize)
    ys = -np.arange(len(nodes), dtype=float)
    for node, y in zip(nodes, ys):
        ax.text(0, y, f"${node.name}$", ha="center", va="center", fontsize=14,
                bbox=dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor="black"))
        ax.text(-0.55, y, _numbers(node.value), ha="right", va="center", color=FORWARD, fontsize=11)
        ax.text(0.55, y, _numbers(node.adjoint), ha="left", va="center", color=BACKWARD, fontsize=11)
    for k, (f_op, b_op) in enumerate(zip(forward_ops, backward_ops)):
        top, bottom = ys[k] - 0.22, ys[k + 1] + 0.22
        ax.annotate("", xy=(-0.3, bottom), xytext=(-0.3, top),
                    arrowprops=dict(arrowstyle="-|>", color=FORWARD, lw=1.5))
        ax.annotate("", xy=(0.3, top), xytext=(0.3, bottom),
                    arrowprops=dict(arrowstyle="-|>", color=BACKWARD, lw=1.5))
        middle = (ys[k] + ys[k + 1]) / 2
        ax.text(-0.38, middle, f"${f_op}$", ha="right", va="center", color=FORWARD, fontsize=11)
        ax.text(0.38, middle, f"${b_op}$", ha="left", va="center", color=BACKWARD, fontsize=11)
    ax.text(-0.55, 0.65, "forward: value", ha="right", color=FORWARD, fontsize=12, weight="bold")
    ax.text(0.55, 0.65, "backward: adjoint", ha="left", color=BACKWARD, fontsize=12, weight="bold")
    ax.set_xlim(-2.2, 2.2)
    ax.set_ylim(ys[-1] - 0.5, 1.0)
    ax.axis("off")
    fig.tight_layout()
    plt.close(fig)  # shown once, as the cell's result, not again by the inline backend
    return fig
