"""Chapter 5: the sum over a batch of squared per-example gradients, three ways.

The one-matmul shortcut (gradlib.sum_grad_squared, each Linear layer's (Z_bar^2)^T A^2), the
per-example gradients squared and summed (gradlib.per_example_grads, a (B, n_out, n_in) array
per layer), and a loop of B one-example forward and backward passes; with the plain batch
gradient for reference. All from the same batch, each starting with its forward pass, timed
in the same run (in rounds, each route once per round, the best round of each) and compared
as ratios.
"""
import numpy as np

from gradlib import Linear, Sequential, Softsign
from gradlib.check import rel_error
from gradlib.teach.squared_gradients import squared_gradient_routes
from gradlib.teach.timing import best_time


def main(quick):
    (n0, width, K), batch = ((8, 8, 3), 4) if quick else ((512, 512, 10), 256)
    rounds = 1 if quick else 5
    rng = np.random.default_rng(0)
    net = Sequential(Linear(n0, width, rng), Softsign(), Linear(width, K, rng))
    X, Y = rng.standard_normal((batch, n0)), rng.standard_normal((batch, K))
    gradient_only, shortcut, per_example, loop = squared_gradient_routes(net, X, Y).values()
    results = [shortcut(), per_example(), loop()]
    disagreement = max(rel_error(r[key], results[0][key]) for r in results[1:] for key in results[0])
    # Every route once per round, and the best round of each: a busy moment of the machine hits all alike.
    best = [np.inf] * 4
    for _ in range(rounds):
        for k, route in enumerate((gradient_only, shortcut, per_example, loop)):
            best[k] = min(best[k], best_time(route, 1))
    t_grad, t_short, t_per, t_loop = best
    return [
        f"network {n0}-{width}-{K} (Linear, Softsign, Linear), batch {batch}: sum of squared per-example gradients",
        f"the three routes agree to a relative error of {disagreement:.0e}",
        f"per-example array of the first layer: {batch * width * n0 * 8 / 1e6:.1f} MB",
        f"gradient only {1e3 * t_grad:.1f} ms, shortcut {1e3 * t_short:.1f} ms, "
        f"per-example {1e3 * t_per:.1f} ms, loop of {batch} passes {1e3 * t_loop:.1f} ms",
        f"per-example / shortcut ratio: {t_per / t_short:.1f}x",
        f"loop / shortcut ratio: {t_loop / t_short:.1f}x",
        f"shortcut / gradient only ratio: {t_short / t_grad:.2f}x",
    ]
