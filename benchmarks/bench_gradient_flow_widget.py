"""Chapter 4's widget: one redraw of the gradient-flow figure at the default settings against the 1 s budget."""
import io

from gradlib.teach.gradient_flow import compare_reach
from gradlib.teach.timing import best_time
from gradlib.viz.gradient_flow import DEFAULTS, gradient_flow_figure

BUDGET_SECONDS = 1.0


def redraw(settings):
    """What the widget does on a slider change: both cells forward and backward, draw, render the PNG."""
    gradient_flow_figure(**settings).savefig(io.BytesIO(), format="png")


def main(quick):
    settings = dict(DEFAULTS, T=5) if quick else DEFAULTS
    repeats = 1 if quick else 5
    total = best_time(lambda: redraw(settings), repeats)
    compute = best_time(lambda: compare_reach(**settings), repeats)
    gated, plain = compare_reach(**settings)
    k = min(50, settings["T"])
    return [f"settings {settings}",
            f"redraw: {total:.3f} s (forward + backward of both cells alone {compute:.4f} s)",
            f"redraw / 1 s budget ratio: {total / BUDGET_SECONDS:.2f} (must stay below 1)",
            f"compute / redraw ratio: {compute / total:.3f}",
            f"gradient reaching {k} steps back, ||dC/dA_(T-{k})|| / ||dC/dA_T||: "
            f"gated {gated[k]:.2e}, plain tanh RNN {plain[k]:.2e}, ratio gated / plain {gated[k] / plain[k]:.1e}"]
