"""Chapter 1's computational graph: every node shows its value and adjoint, every edge both labels."""
import numpy as np
import pytest

from gradlib.viz.computational_graph import GraphNode, draw_computational_graph

NODES = [GraphNode("x", np.array([0.1257, -0.1321]), np.array([-1.3563, 1.3638])),
         GraphNode("u", np.array([2.5]), np.array([0.5])), GraphNode("C", 6.7817, 1.0)]


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_values_adjoints_and_both_labels_of_every_edge_are_shown():
    fig = draw_computational_graph(NODES, ["2x", "u^2"], [r"\bar{x} = 2 \bar{u}", r"\bar{u} = 2u"])
    shown = texts(fig)
    for wanted in ["$x$", "$u$", "$C$", "[0.126, -0.132]", "[-1.356, 1.364]", "2.500", "0.500",
                   "6.782", "1.000", "$2x$", "$u^2$", r"$\bar{x} = 2 \bar{u}$", r"$\bar{u} = 2u$"]:
        assert wanted in shown, f"{wanted!r} is not drawn; drawn: {shown}"


def test_the_labels_must_match_the_edges():
    with pytest.raises(ValueError, match="3 nodes need 2 forward and backward labels, got 1 and 2"):
        draw_computational_graph(NODES, ["2x"], ["a", "b"])
