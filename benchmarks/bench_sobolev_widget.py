"""Chapter 5's widget: one redraw of the Sobolev-fit figure at the default settings against the 1 s budget."""
import io

from gradlib.teach.sobolev import STEPS
from gradlib.teach.timing import best_time
from gradlib.viz.sobolev import DEFAULTS, fitted_curves, sobolev_figure, values_only_curves

BUDGET_SECONDS = 1.0


def redraw(settings, steps):
    """What the widget does on a slider change: one fit (the fit of values alone is cached), draw, render the PNG."""
    sobolev_figure(**settings, steps=steps).savefig(io.BytesIO(), format="png")


def main(quick):
    steps = 20 if quick else STEPS
    repeats = 1 if quick else 5
    values_only_curves(steps)  # trained once, when the widget is first drawn
    total = best_time(lambda: redraw(DEFAULTS, steps), repeats)
    fit = best_time(lambda: fitted_curves(**DEFAULTS, steps=steps), repeats)
    _, _, (value_error, slope_error) = fitted_curves(**DEFAULTS, steps=steps)
    _, _, (plain_value, plain_slope) = values_only_curves(steps)
    return [f"settings {DEFAULTS}, {steps} Adam steps per fit",
            f"redraw: {total:.3f} s (the fit alone {fit:.3f} s)",
            f"redraw / 1 s budget ratio: {total / BUDGET_SECONDS:.2f} (must stay below 1)",
            f"fit / redraw ratio: {fit / total:.2f}",
            f"test error with slopes / values only: values {value_error / plain_value:.2f}, "
            f"derivatives {slope_error / plain_slope:.2f}"]
