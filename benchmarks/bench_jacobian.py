"""Chapter 3: the input Jacobian in reverse and forward mode, and the Jacobian widget's redraw.

Reverse mode makes one backward pass per output K, forward mode one tangent pass per
input n0: their time ratio should follow K / n0. The widget must redraw in under 1 s.
"""
import io

import numpy as np

from gradlib import Linear, Sequential, Tanh
from gradlib.teach.jacobian_modes import time_modes
from gradlib.teach.timing import best_time
from gradlib.viz.jacobian_field import DEFAULTS, jacobian_field_figure

BUDGET_SECONDS = 1.0


def redraw(net, resolution, arrows):
    """What the widget does when the point moves: draw both panels, render the PNG it shows."""
    jacobian_field_figure(net, np.array([DEFAULTS["x0"], DEFAULTS["x1"]]), DEFAULTS["output"],
                          resolution, arrows).savefig(io.BytesIO(), format="png")


def main(quick):
    n0, outputs = (4, [1, 16]) if quick else (16, [1, 4, 16, 64, 256])
    repeats = 1 if quick else 5
    reverse, forward = time_modes(n0, outputs, repeats=repeats)
    lines = [f"input Jacobian, n0 = {n0} inputs, batch 32, one tanh layer of 64 units"]
    for K, r, f in zip(outputs, reverse, forward):
        lines.append(f"K = {K:3d}: reverse {1e3 * r:7.2f} ms, forward {1e3 * f:7.2f} ms, "
                     f"reverse / forward ratio {r / f:5.2f} (passes: {K} / {n0} = {K / n0:.2f})")
    rng = np.random.default_rng(0)
    net = Sequential(Linear(2, 16, rng, b=rng.normal(size=16)), Tanh(), Linear(16, 3, rng), Tanh())
    resolution, arrows = (10, 4) if quick else (DEFAULTS["resolution"], DEFAULTS["arrows"])
    total = best_time(lambda: redraw(net, resolution, arrows), repeats)
    lines.append(f"widget redraw ({resolution} x {resolution} field, {arrows} x {arrows} arrows): "
                 f"{total:.3f} s; redraw / 1 s budget ratio: {total / BUDGET_SECONDS:.2f} (must stay below 1)")
    return lines
