"""Interactive figures for the chapters. ipywidgets is imported here, never by ``import gradlib``.

``live_figure`` is the one pattern every chapter uses: controls on top, a figure
below, redrawn whenever a control changes. The figure is drawn once when the
widget is created, so an executed notebook stores it in the widget's saved
state and the static website shows it without a running kernel.
"""
import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import clear_output, display


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
