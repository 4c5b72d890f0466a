"""Figures and the widget of Chapter 2 (a softmax classifier on 2-D data).

Matplotlib and ipywidgets are imported here, never by ``import gradlib``. Every
figure function returns a closed Figure, as in ``gradlib.viz.step_size``.
"""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..teach.train import relu_classifier, train_classifier
from .live import live_figure

CLASS_COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple")

# The widget's defaults: small enough to retrain and redraw in well under a second.
DEFAULTS = {"alpha": 1e-3, "width": 32, "lr": 1.0, "steps": 300}


def draw_decision_regions(ax, net, X, labels, resolution=80):
    """Shade each point of a grid around ``X: (B, 2)`` by the class ``net`` predicts there.

    The grid has ``resolution`` points per side; the data are drawn on top, coloured
    by their true labels.
    """
    lo, hi = X.min(axis=0) - 0.2, X.max(axis=0) + 0.2
    g0, g1 = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    grid = np.column_stack([g0.ravel(), g1.ravel()])
    predicted = np.argmax(net.forward(grid), axis=1).reshape(g0.shape)
    K = int(labels.max()) + 1
    colors = plt.matplotlib.colors.ListedColormap(CLASS_COLORS[:K])
    ax.contourf(g0, g1, predicted, levels=np.arange(K + 1) - 0.5, cmap=colors, alpha=0.3)
    ax.scatter(X[:, 0], X[:, 1], c=labels, cmap=colors, vmin=-0.5, vmax=K - 0.5, s=12,
               edgecolors="black", linewidths=0.3)
    ax.set_xlabel("$x_0$")
    ax.set_ylabel("$x_1$")
    ax.set_aspect("equal")


def plot_decision_regions(net, X, labels, title="Decision regions"):
    """One panel: the classes ``net`` predicts over the plane, with the data."""
    fig, ax = plt.subplots(figsize=(5.0, 4.6))
    draw_decision_regions(ax, net, X, labels)
    ax.set_title(title)
    plt.close(fig)
    return fig


def plot_training_curves(history):
    """Two panels against the step: the cost C and the training accuracy."""
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(9.0, 3.4))
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.88, wspace=0.3)
    ax_loss.plot(history.loss, color="tab:red")
    ax_loss.set_yscale("log")
    ax_loss.set_xlabel("step")
    ax_loss.set_ylabel("cost C (cross-entropy + L2)")
    ax_loss.set_title("Cost during training")
    ax_acc.plot(history.accuracy, color="tab:blue")
    ax_acc.set_ylim(0.0, 1.02)
    ax_acc.set_xlabel("step")
    ax_acc.set_ylabel("training accuracy")
    ax_acc.set_title("Accuracy during training")
    for ax in (ax_loss, ax_acc):
        ax.grid(True, alpha=0.3)
    plt.close(fig)
    return fig


def explorer_figure(X, labels, alpha, width, lr, steps, seed=0):
    """Train a fresh ReLU classifier with these settings; draw its regions and weight norm.

    This is what the widget redraws; the benchmark times it.
    """
    net = relu_classifier(X.shape[1], width, int(labels.max()) + 1, np.random.default_rng(seed))
    history = train_classifier(net, X, labels, lr, steps, alpha)
    fig, (ax_regions, ax_norm) = plt.subplots(1, 2, figsize=(9.0, 4.0),
                                              gridspec_kw={"width_ratios": [1.1, 1.0]})
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.13, top=0.88, wspace=0.3)
    draw_decision_regions(ax_regions, net, X, labels, resolution=60)
    ax_regions.set_title(f"Decision regions (accuracy {history.accuracy[-1]:.0%})")
    ax_norm.plot(history.weight_norm, color="tab:purple")
    ax_norm.set_xlabel("step")
    ax_norm.set_ylabel(r"$\sqrt{\sum_l \|W^l\|_F^2}$")
    ax_norm.set_title(f"Weight norm (α = {alpha:.0e})")
    ax_norm.grid(True, alpha=0.3)
    plt.close(fig)
    return fig


def classifier_explorer(X, labels):
    """Chapter 2's widget: sliders for alpha, hidden width, learning rate and steps.

    Each change retrains from the same initial weights and redraws the figure of
    ``explorer_figure``.
    """
    def draw(alpha, width, lr, steps):
        return explorer_figure(X, labels, alpha, width, lr, steps)

    return live_figure(
        draw,
        alpha=widgets.FloatLogSlider(value=DEFAULTS["alpha"], base=10, min=-5, max=0, step=0.25,
                                     description=r"\(\alpha\) (L2)", continuous_update=False,
                                     readout_format=".1e"),
        width=widgets.IntSlider(value=DEFAULTS["width"], min=2, max=128, step=2,
                                description="width", continuous_update=False),
        lr=widgets.FloatLogSlider(value=DEFAULTS["lr"], base=10, min=-2, max=1, step=0.25,
                                  description=r"\(\eta\) (rate)", continuous_update=False,
                                  readout_format=".2f"),
        steps=widgets.IntSlider(value=DEFAULTS["steps"], min=10, max=2000, step=10,
                                description="steps", continuous_update=False),
    )
