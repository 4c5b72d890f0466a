"""Chapter 1's chain-rule picture: a small network as a graph, with the paths to the cost.

Pick a weight, a bias or an input: the figure highlights every path from it to
the cost C, lists the factor contributed by each edge (a weight) and each unit
(f'(u)) along the path, and adds the products up (``gradlib.teach.chain_paths``),
next to gradlib's gradient and a central difference. Matplotlib and
ipywidgets are imported here, never by ``import gradlib``.
"""
import copy

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..check import numerical_grad
from ..teach.chain_paths import chain_paths, parse_quantity, quantity_names
from ..teach.dense import dense_layers
from ..teach.index_form import forward_example
from ..teach.matrix_form import backprop_layers

_PATH_COLORS = ("tab:red", "tab:blue", "tab:green", "tab:purple", "tab:orange", "tab:brown")


def _positions(widths):
    """(x, y) of unit m of layer k, each layer centred on y = 0, and of the cost node."""
    pos = {(k, m): (float(k), (n - 1) / 2 - m) for k, n in enumerate(widths) for m in range(n)}
    pos["C"] = (float(len(widths)), 0.0)
    return pos


def _node_label(k, m, L):
    return f"$x_{m}$" if k == 0 else (f"$a^{k}_{m}$" if k < L else f"$\\hat y_{m}$")


def _draw_graph(ax, layers, paths, kind, l, index):
    widths = [layers[0][0].shape[1]] + [W.shape[0] for W, _, _ in layers]
    L, pos = len(layers), _positions(widths)
    for k in range(1, L + 1):  # every edge, grey, labelled with its weight
        W = layers[k - 1][0]
        for m, m_prev in np.ndindex(W.shape):
            (x0, y0), (x1, y1) = pos[(k - 1, m_prev)], pos[(k, m)]
            ax.plot([x0, x1], [y0, y1], color="lightgray", lw=1, zorder=1)
    for m in range(widths[-1]):
        ax.plot(*zip(pos[(L, m)], pos["C"]), color="lightgray", lw=1, zorder=1)
    picked = {"x": (0, index[0]), "b": (l, index[0])}.get(kind)  # a weight is an edge
    for p, path in enumerate(paths):  # highlighted paths, from the picked quantity to C
        nodes = ([(0, index[0])] if kind == "x" else []) + path.units + ["C"]
        if kind == "W":
            nodes = [(l - 1, index[1])] + nodes
        xs, ys = zip(*(pos[n] for n in nodes))
        ax.plot(xs, ys, color=_PATH_COLORS[p % len(_PATH_COLORS)], lw=3, alpha=0.8, zorder=2)
    for node, (x, y) in pos.items():
        ax.scatter([x], [y], s=900, zorder=3, color="gold" if node == picked else "white",
                   edgecolors="black")
        label = "$C$" if node == "C" else _node_label(*node, L)
        ax.annotate(label, (x, y), ha="center", va="center", zorder=4, fontsize=11)
    ax.set_xlim(-0.5, L + 1.5)
    ax.set_ylim(-max(widths) / 2 - 0.3, max(widths) / 2 + 0.3)
    ax.set_xticks(range(L + 2), [f"layer {k}" for k in range(L + 1)] + ["cost"])
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)


def _numeric(net, loss, x, target, kind, l, index):
    """Central difference of C with respect to the one picked number (Chapter 0)."""
    array = x if kind == "x" else net.layers[2 * (l - 1)].params[kind]

    def C_of(value):
        old = array[index]
        array[index] = value[()]
        C = loss.forward(net.forward(x[None, :]), target)
        array[index] = old
        return C

    return float(numerical_grad(C_of, np.array(array[index])))


def draw_chain_rule(net, loss, x, target, name):
    """Figure: the graph of ``net`` with every path from ``name`` to C, and the sum over paths.

    ``net`` alternates Linear and Activation layers; ``x: (n_0,)`` is one example,
    ``target`` its target for ``loss`` (shape (1, n_L) for SquaredError); ``name``
    is one of ``chain_paths.quantity_names``, e.g. "W^1[0,1]", "b^2[0]", "x[1]".
    """
    layers = dense_layers(net)
    kind, l, index = parse_quantity(layers, name)
    u, a = forward_example(layers, x)
    C, grads, dC_dX = backprop_layers(net, loss, x[None, :], target)
    paths = chain_paths(layers, u, a, loss.backward()[0], name)
    exact = dC_dX[0][index] if kind == "x" else grads[l - 1][kind][index]
    numeric = _numeric(net, loss, x, target, kind, l, index)

    # The graph above its text, in a narrow figure with 13 pt text: shrunk to a phone's
    # width (about 360 px) the text is still about 10 px high.
    fig, (ax_graph, ax_text) = plt.subplots(2, 1, figsize=(6.6, 8.6),
                                            gridspec_kw={"height_ratios": [1.0, 1.0]})
    fig.subplots_adjust(left=0.03, right=0.97, bottom=0.02, top=0.95, hspace=0.25)
    _draw_graph(ax_graph, layers, paths, kind, l, index)
    ax_graph.set_title(f"Paths from {_tex(name)} to the cost $C = {C:.4f}$")
    lines = []
    for p, path in enumerate(paths):
        lines.append((f"path {p + 1}:  $" + r" \cdot ".join(f for f, _ in path.factors) + "$",
                      _PATH_COLORS[p % len(_PATH_COLORS)]))
        lines.append(("    $= " + r" \times ".join(f"({v:.3f})" for _, v in path.factors)
                      + f" = {path.product:.5f}$", "black"))
    total = sum(path.product for path in paths)
    lines += [("", "black"),
              (f"sum over {len(paths)} path{'s' * (len(paths) > 1)}:  {total:.6f}", "black"),
              (f"gradlib's gradient:  {exact:.6f}", "black"),
              (f"central difference:  {numeric:.6f}", "black")]
    for row, (text, color) in enumerate(lines):
        ax_text.text(0.0, 1.0 - row * 0.085, text, color=color, fontsize=13,
                     transform=ax_text.transAxes, va="top")
    ax_text.set_title(f"$\\partial C / \\partial$ {_tex(name)} by the chain rule")
    ax_text.axis("off")
    plt.close(fig)
    return fig


def _tex(name):
    """"W^1[0,1]" -> "$W^1_{01}$", "x[1]" -> "$x_1$"."""
    symbol, _, rest = name.partition("[")
    return f"${symbol}_{{{rest[:-1].replace(',', '')}}}$"


def chain_rule_explorer(net, loss, x, target):
    """Chapter 1's widget: pick a quantity; move x_0 and W^1_00; see the paths and their sum."""
    from .live import live_figure  # ipywidgets helper shared by every chapter

    def draw(name, x0, w00):
        moved, x_moved = copy.deepcopy(net), np.array(x, dtype=np.float64)
        moved.layers[0].params["W"][0, 0], x_moved[0] = w00, x0
        return draw_chain_rule(moved, loss, x_moved, target, name)

    names = quantity_names(dense_layers(net))
    return live_figure(
        draw,
        name=widgets.Dropdown(options=names, value=names[0], description="quantity"),
        # Each slider starts on its 0.1 grid; its label is TeX, typeset by MathJax (\( \) works
        # in JupyterLab and on the website, whose MathJax does not take $).
        x0=widgets.FloatSlider(value=round(float(x[0]), 1), min=-2.0, max=2.0, step=0.1,
                               description=r"\(x_0\)", continuous_update=False),
        w00=widgets.FloatSlider(value=round(float(net.layers[0].params["W"][0, 0]), 1), min=-2.0,
                                max=2.0, step=0.1, description=r"\(W^1_{00}\)",
                                continuous_update=False),
    )
