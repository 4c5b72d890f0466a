"""Chapter 5's softsign figure: softsign and tanh, f, f' (log scale) and f'', with the jump of softsign'' at 0."""
import numpy as np
import pytest

from gradlib import Softsign, Tanh
from gradlib.viz.softsign import plot_softsign_vs_tanh


def test_three_panels_show_softsign_and_tanh_and_their_derivatives():
    fig = plot_softsign_vs_tanh(x_max=6.0, points=31)
    ax_f, ax_df, ax_d2f = fig.axes
    for ax, derivative in ((ax_f, "f"), (ax_df, "df")):
        softsign, tanh = ax.lines
        x = softsign.get_xdata()
        assert x[0] == -6.0 and x[-1] == 6.0 and len(x) == 61 and np.sum(x == 0.0) == 1
        assert np.allclose(softsign.get_ydata(), getattr(Softsign, derivative)(x))
        assert np.allclose(tanh.get_ydata(), getattr(Tanh, derivative)(tanh.get_xdata()))
    assert [t.get_text() for t in ax_f.get_legend().get_texts()] == ["softsign", "tanh"]
    assert ax_df.get_yscale() == "log" and ax_f.get_yscale() == ax_d2f.get_yscale() == "linear"
    left, right, tanh, *marks = ax_d2f.lines
    assert np.all(left.get_xdata() < 0) and np.all(right.get_xdata() > 0)    # no line across the jump
    for side in (left, right):
        assert np.allclose(side.get_ydata(), Softsign.d2f(side.get_xdata()))
    assert np.allclose(tanh.get_ydata(), Tanh.d2f(tanh.get_xdata()))
    assert [(m.get_xdata()[0], m.get_ydata()[0]) for m in marks] == [(0.0, 2.0), (0.0, -2.0), (0.0, 0.0)]
    assert [t.get_text() for t in ax_d2f.texts] == ["left limit $+2$", "Vijay: $-2$", "gradlib: $0$"]
    for ax in fig.axes:
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
        assert min(ax.xaxis.label.get_fontsize(), ax.yaxis.label.get_fontsize()) >= 10
        assert all(t.get_fontsize() >= 10 for t in ax.get_xticklabels() + ax.get_yticklabels())
    assert tuple(fig.get_size_inches()) == (9.0, 3.4)


def test_tails_polynomial_for_softsign_exponential_for_tanh():
    ax_df = plot_softsign_vs_tanh(x_max=8.0).axes[1]
    softsign, tanh = (line.get_ydata()[-1] for line in ax_df.lines)
    assert softsign == pytest.approx(1 / 81) and tanh == pytest.approx(4 * np.exp(-16), rel=1e-6)


@pytest.mark.parametrize("kwargs, message", [
    ({"x_max": -1.0}, r"plot_softsign_vs_tanh: x_max must be a positive number, got -1.0"),
    ({"x_max": np.inf}, r"plot_softsign_vs_tanh: x_max must be a positive number, got inf"),
    ({"points": 1}, r"plot_softsign_vs_tanh: points must be an integer >= 2, got 1"),
])
def test_bad_input_is_refused_naming_the_function_and_what_it_expects(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plot_softsign_vs_tanh(**kwargs)
