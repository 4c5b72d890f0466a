"""The chain rule as a sum over paths: every route from one quantity to the cost.

Derived in Chapter 1, eq. (1.5). For one example, a weight W^l_ij,
a bias b^l_i or an input x_j influences C along every path through the
network that starts at it: each unit on the path contributes f'(u) and each
edge its weight. The derivative is the sum over paths of the product of the
factors along each path. Used by the chain-rule widget of Chapter 1
(``gradlib.viz.network_graph``). Layers and indices count from 1 and 0 as in the book.
"""
import itertools
import re
from dataclasses import dataclass

import numpy as np

_NAME = re.compile(r"^(W)\^(\d+)\[(\d+),(\d+)\]$|^(b)\^(\d+)\[(\d+)\]$|^(x)\[(\d+)\]$")


@dataclass
class Path:
    """One route to the cost: ``units`` as (layer, unit) pairs, ``factors`` as (label, value)."""

    units: list
    factors: list

    @property
    def product(self):
        return float(np.prod([value for _, value in self.factors]))


def quantity_names(layers):
    """Every name ``chain_paths`` accepts: "W^l[i,j]", "b^l[i]" for each layer, then "x[j]"."""
    names = []
    for l, (W, _, _) in enumerate(layers, start=1):
        names += [f"W^{l}[{i},{j}]" for i, j in np.ndindex(W.shape)]
        names += [f"b^{l}[{i}]" for i in range(W.shape[0])]
    return names + [f"x[{j}]" for j in range(layers[0][0].shape[1])]


def parse_quantity(layers, name):
    """Split a quantity name: ``("W", l, (i, j))``, ``("b", l, (i,))`` or ``("x", 0, (j,))``.

    Raises a ValueError naming every valid name if ``name`` is not in the network.
    """
    if name not in quantity_names(layers):
        raise ValueError(f"chain_paths: unknown quantity {name!r}; expected one of "
                         f"{quantity_names(layers)}")
    groups = [g for g in _NAME.match(name).groups() if g is not None]
    if groups[0] == "x":
        return "x", 0, (int(groups[1]),)
    return groups[0], int(groups[1]), tuple(int(g) for g in groups[2:])


def chain_paths(layers, u, a, dC_daL, name):
    """Every path from the quantity ``name`` to C for one example, Chapter 1, eq. (1.5).

    ``layers`` from ``index_form.dense_layers``, ``u`` and ``a`` from
    ``index_form.forward_example``, ``dC_daL = dC/da^L: (n_L,)``. The products of
    the returned paths add up to dC/d(name).
    """
    kind, l, index = parse_quantity(layers, name)
    if kind == "x":  # an input feeds every unit of layer 1: one start per unit
        (j,) = index
        W1 = layers[0][0]
        starts = [(1, i, [(f"W^1_{{{i}{j}}}", float(W1[i, j]))]) for i in range(W1.shape[0])]
    elif kind == "W":
        i, j = index
        starts = [(l, i, [(f"a^{l - 1}_{j}", float(a[l - 1][j]))])]
    else:
        starts = [(l, index[0], [("1", 1.0)])]
    paths = []
    for layer, unit, first in starts:
        later = [range(W.shape[0]) for W, _, _ in layers[layer:]]  # one unit per later layer
        for route in itertools.product(*later):
            units = [(layer, unit)] + [(layer + 1 + k, m) for k, m in enumerate(route)]
            factors = list(first)
            for step, (k, m) in enumerate(units):
                if step > 0:  # the edge from the previous unit of the path into unit m
                    m_prev = units[step - 1][1]
                    W = layers[k - 1][0]
                    factors.append((f"W^{k}_{{{m}{m_prev}}}", float(W[m, m_prev])))
                f = layers[k - 1][2]
                label = f"\\mathrm{{{type(f).__name__.lower()}}}'(u^{k}_{m})"
                factors.append((label, float(f.df(u[k - 1])[m])))
            L, m_L = units[-1]
            factors.append((f"\\partial C/\\partial a^{L}_{m_L}", float(dC_daL[m_L])))
            paths.append(Path(units, factors))
    return paths
