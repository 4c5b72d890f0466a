"""Chapter 4's saturation figure: sigma'(z) on the left, one gradient curve per layer on the right."""
import numpy as np
import pytest

from gradlib import Sigmoid
from gradlib.viz.sigmoid_saturation import plot_saturation

SCALES = np.array([0.5, 1.0, 2.0, 4.0])
NORMS = np.array([[0.1, 0.2], [0.2, 0.1], [0.05, 0.01], [1e-3, 1e-4]])


def test_left_panel_is_sigma_prime_with_its_marks_and_right_panel_one_curve_per_layer():
    fig = plot_saturation(SCALES, NORMS, labels=["first", "second"], z_max=8.0, marks=(0.0, 5.0))
    left, right = fig.axes
    curve, *marks = left.lines
    assert np.allclose(curve.get_ydata(), Sigmoid.df(curve.get_xdata()))
    assert curve.get_xdata()[0] == -8.0 and curve.get_xdata()[-1] == 8.0
    assert [m.get_xdata()[0] for m in marks] == [0.0, 5.0]
    assert [t.get_text() for t in left.texts] == ["0.25", "0.0066"]
    assert [list(line.get_ydata()) for line in right.lines] == [list(NORMS[:, 0]), list(NORMS[:, 1])]
    assert all(list(line.get_xdata()) == list(SCALES) for line in right.lines)
    assert [t.get_text() for t in right.get_legend().get_texts()] == ["first", "second"]
    for ax in (left, right):
        assert ax.get_yscale() == "log"
        assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
        assert min(ax.xaxis.label.get_fontsize(), ax.yaxis.label.get_fontsize()) >= 10
        assert all(t.get_fontsize() >= 10 for t in ax.get_xticklabels() + ax.get_yticklabels())
    assert tuple(fig.get_size_inches()) == (6.4, 4.0)


def test_default_labels_name_each_layer():
    fig = plot_saturation(SCALES, NORMS)
    labels = [t.get_text() for t in fig.axes[1].get_legend().get_texts()]
    assert labels == [r"$\|\bar W^1\|$", r"$\|\bar W^2\|$"]


@pytest.mark.parametrize("norms, labels, message", [
    (NORMS[:3], None, r"plot_saturation: grad_norms must have shape \(4, L\), got \(3, 2\)"),
    (NORMS, ["only one"], r"plot_saturation: one label per layer, 2, got 1"),
])
def test_bad_input_is_refused_with_the_expected_shapes(norms, labels, message):
    with pytest.raises(ValueError, match=message):
        plot_saturation(SCALES, norms, labels=labels)
