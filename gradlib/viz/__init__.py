"""Figures and widgets (matplotlib, ipywidgets): a generic live figure and one module per chapter.

- ``live``: ``live_figure``, controls above a figure redrawn on every change;
- ``step_size``: Chapter 0, the error of a finite difference against its step;
- ``network_graph``: Chapter 1, the chain rule as paths through a network;
- ``computational_graph``: Chapter 1, a chain of nodes with forward values and adjoints;
- ``classifier_plots``: Chapter 2, decision regions and training curves;
- ``jacobian_field``: Chapter 3, the input Jacobian over the output field, and its cost;
- ``sigmoid_saturation``: Chapter 4, the sigmoid's derivative and the gradients of a saturating network;
- ``gradient_flow``: Chapter 4, the gradient that reaches back through a gated cell and a tanh RNN;
- ``softsign``: Chapter 5, softsign and tanh with their first and second derivatives;
- ``sobolev``: Chapter 5, fits with and without slope labels (a widget), and penalised classifiers.
"""
