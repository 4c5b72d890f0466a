"""Interactive figures for the chapters. ipywidgets is imported here, never by ``import gradlib``.

``live_figure`` is the one pattern every chapter uses: controls on top, a figure
below, redrawn whenever a control changes. The figure is drawn once when the
widget is created, so an executed notebook stores it in the widget's saved
state and the static website shows it without a running kernel.
"""
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import clear_output, display

from .plotting import PRECISIONS, SCHEMES, plot_step_size_errors, step_size_errors


def live_figure(draw, **controls):
    """Return a VBox of ``controls`` above the figure ``draw(**values)``.

    ``controls`` maps each keyword of ``draw`` to an ipywidgets control; ``draw``
    receives their current values and returns a matplotlib Figure. Anything it
    prints appears above the figure.
    """
    out = widgets.Output()

    def redraw(change=None):
        with out:
            clear_output(wait=True)
            fig = draw(**{name: control.value for name, control in controls.items()})
            display(fig)
            plt.close(fig)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([*controls.values(), out])


def step_size_explorer(f, grad, x):
    """Chapter 0's widget: choose log10 h, scheme and precision; see the error at that h.

    ``f``, ``grad`` and ``x`` are as in ``gradlib.plotting.step_size_errors``.
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
