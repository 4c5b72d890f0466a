r"""Chapter 5's softsign figure: softsign against tanh, with their first and second derivatives.

Softsign :math:`\sigma(x) = x / (1 + |x|)` approaches :math:`\pm 1` like :math:`1 / |x|`, and its
derivative :math:`1 / (1 + |x|)^2` falls like :math:`1 / x^2`: polynomial tails. Tanh approaches
:math:`\pm 1` like :math:`2 e^{-2|x|}`, and its derivative falls like :math:`4 e^{-2|x|}`:
exponential tails. Softsign's :math:`\sigma''` jumps from +2 to -2 at 0 (Chapter 5, eq. (5.1),
softsign); the figure marks the value of Vijay's branch :math:`x \ge 0`, -2, and that of
``Softsign.d2f``, 0. Matplotlib is imported here, never by ``import gradlib``.
"""
import numbers

import matplotlib.pyplot as plt
import numpy as np

from ..activations import Softsign, Tanh

STYLES = {"softsign": dict(color="tab:blue", ls="-"), "tanh": dict(color="tab:red", ls="--")}


def plot_softsign_vs_tanh(x_max=8.0, points=401):
    r"""Three panels over :math:`[-x_{max}, x_{max}]`: the two functions, their first derivatives
    (log scale) and their second derivatives, softsign's drawn on each side of 0 apart.

    ``points``: samples on each side of 0 (at least 2). At :math:`x = 0` the right panel marks
    the limit +2 from the left (open circle), Vijay's :math:`\sigma''(0) = -2` (filled circle)
    and gradlib's ``Softsign.d2f(0) = 0`` (diamond). Returns the (closed) figure.
    """
    if not (isinstance(x_max, numbers.Real) and np.isfinite(x_max) and x_max > 0):
        raise ValueError(f"plot_softsign_vs_tanh: x_max must be a positive number, got {x_max!r}")
    if not (isinstance(points, numbers.Integral) and points >= 2):
        raise ValueError(f"plot_softsign_vs_tanh: points must be an integer >= 2, got {points!r}")
    right = np.linspace(0.0, float(x_max), int(points))
    left = -right[::-1]
    x = np.concatenate([left, right[1:]])
    fig, (ax_f, ax_df, ax_d2f) = plt.subplots(1, 3, figsize=(9.0, 3.4))
    fig.subplots_adjust(left=0.09, right=0.99, bottom=0.16, top=0.9, wspace=0.4)
    for name, act in (("softsign", Softsign), ("tanh", Tanh)):
        ax_f.plot(x, act.f(x), label=name, **STYLES[name])
        ax_df.semilogy(x, act.df(x), label=name, **STYLES[name])
    for side in (left[:-1], right[1:]):        # softsign'' jumps at 0: no line across the jump
        ax_d2f.plot(side, Softsign.d2f(side), **STYLES["softsign"])
    ax_d2f.plot(x, Tanh.d2f(x), **STYLES["tanh"])
    marks = ((2.0, dict(mfc="white", mec="tab:blue"), "o", r"left limit $+2$"),
             (-2.0, dict(color="tab:blue"), "o", r"Vijay: $-2$"),
             (float(Softsign.d2f(np.array(0.0))), dict(color="black"), "D", r"gradlib: $0$"))
    for value, colors, marker, text in marks:
        ax_d2f.plot(0.0, value, marker, ms=6 if marker == "o" else 5, **colors)
        ax_d2f.annotate(text, (0.0, value), xytext=(7, 2), textcoords="offset points", fontsize=9,
                        va="bottom" if value == 0.0 else "center")
    ax_f.set_title("$f(x)$", fontsize=11)
    ax_df.set_title("$f'(x)$, log scale", fontsize=11)
    ax_d2f.set_title("$f''(x)$", fontsize=11)
    ax_f.legend(fontsize=10, loc="upper left")
    for ax, ylabel in ((ax_f, "$f(x)$"), (ax_df, "$f'(x)$"), (ax_d2f, "$f''(x)$")):
        ax.set_xlabel("$x$", fontsize=10)
        ax.set_ylabel(ylabel, fontsize=10)
        ax.tick_params(labelsize=10)
        ax.grid(True, which="major", alpha=0.3)
    plt.close(fig)
    return fig
