"""Chapter 5's demonstrations: costs with input derivatives, trained by double backprop.

The gradients that ``sobolev_loss`` and ``jacobian_penalty_loss`` set through
``backward_tangent`` are checked against central differences and against HIPS autograd
(grad of a cost that contains autograd's own input derivative), on random networks and
shapes. Adam is checked against its update written out step by step; training must
lower each cost; the chapter's printed figures must survive a round-off-sized nudge.
"""
import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from hypothesis import assume, given
from hypothesis import strategies as st

from core.autograd_models import forward, input_tangent, parameters
from gradlib import Identity, Linear, Sequential, Sigmoid, Softsign, Tanh
from gradlib.check import numerical_grad, rel_error
from gradlib.teach.sobolev import (DOMAIN, Adam, dense_grid, fit_smooth_classifier, fit_sobolev, input_jacobian,
                                   jacobian_norms, jacobian_penalty_loss, mlp, slope_mask, sobolev_data,
                                   sobolev_errors, sobolev_loss, spiral_data, target, target_slope, train)
from gradlib.teach.train import accuracy
from strategies import SETTINGS, arrays, labels, mlps, seeds, sizes

TOL = 1e-10       # autograd: the same derivatives by another route, agreement to round-off
NUMERIC_TOL = 1e-6  # central differences

# Smooth activations: central differences must not straddle a jump of f'' (Softsign's at 0).
SMOOTH = (Identity, Sigmoid, Tanh)

# Identity's f' is constant, and autograd says so while computing f''.
pytestmark = pytest.mark.filterwarnings("ignore:Output seems independent of input:UserWarning")


def assert_close(got, want, tol=TOL):
    assert np.shape(got) == np.shape(want), (np.shape(got), np.shape(want))
    assert rel_error(got, want) <= tol, f"relative error {rel_error(got, want):.1e}"


def sobolev_cost(net, x, y, slope, lam, has_slope):
    """The Sobolev loss as a function of the parameters, written in anp from the definition."""
    f = forward(net)

    def C(params):
        y_dot = input_tangent(f, x, np.tile(np.eye(x.shape[1]), (x.shape[0], 1, 1)), params)
        s = (y_dot - slope) * has_slope[:, None, None]
        return anp.sum((f(x, params) - y) ** 2) + lam * anp.sum(s ** 2)

    return C


def penalty_cost(net, X, labels, lam):
    """Cross-entropy plus the Jacobian penalty, in anp from the definition (mean over the batch)."""
    f = forward(net)
    B = X.shape[0]

    def C(params):
        z = f(X, params)
        log_p = z - anp.log(anp.sum(anp.exp(z), axis=1, keepdims=True))
        z_dot = input_tangent(f, X, np.tile(np.eye(X.shape[1]), (B, 1, 1)), params)
        return -anp.sum(log_p[np.arange(B), labels]) / B + lam / (2 * B) * anp.sum(z_dot ** 2)

    return C


def assert_grads_match(net, C, value):
    """``net``'s grads against autograd's grad of ``C``, parameter by parameter, and against
    central differences of ``C``, all parameters at once (a parameter whose gradient is tiny
    next to C has a central difference made of round-off)."""
    params = parameters(net)
    assert value == pytest.approx(C(params), rel=1e-12, abs=1e-12)
    got, numeric = [], []
    for i, ((key, layer, name), want) in enumerate(zip(net.named_parameters(), grad(C)(params))):
        assert_close(layer.grads[name], want)
        got.append(layer.grads[name].ravel())
        numeric.append(numerical_grad(lambda p, i=i: C(params[:i] + [p] + params[i + 1:]), params[i]).ravel())
    assert_close(np.concatenate(got), np.concatenate(numeric), NUMERIC_TOL)


@st.composite
def sobolev_cases(draw):
    """A small smooth mlp and data for it: ``x: (B, n0)``, ``y: (B, m)``, ``slope: (B, n0, m)``, a mask, lam."""
    net = draw(mlps(max_depth=3, activations=SMOOTH))
    n0, m = net.layers[0].n_in, net.layers[-2].n_out
    B = draw(sizes)
    x = draw(arrays((B, n0)))
    y, slope = draw(arrays((B, m))), draw(arrays((B, n0, m)))
    has_slope = np.random.default_rng(draw(seeds)).random(B) < 0.6
    return net, x, y, slope, has_slope, draw(st.floats(0.0, 3.0))


@SETTINGS
@given(case=sobolev_cases())
def test_sobolev_loss_gradients_match_autograd_and_central_differences(case):
    net, x, y, slope, has_slope, lam = case
    value = sobolev_loss(net, x, y, slope, lam, has_slope)
    assert_grads_match(net, sobolev_cost(net, x, y, slope, lam, has_slope), value)


@SETTINGS
@given(data=st.data(), net=mlps(max_depth=3, activations=SMOOTH), B=sizes, lam=st.floats(0.0, 3.0))
def test_jacobian_penalty_gradients_match_autograd_and_central_differences(data, net, B, lam):
    assume(net.layers[-2].n_out >= 2)  # one class has cross-entropy 0 whatever the parameters
    X = data.draw(arrays((B, net.layers[0].n_in)))
    y = data.draw(labels(B, net.layers[-2].n_out))
    value = jacobian_penalty_loss(net, X, y, lam)
    assert_grads_match(net, penalty_cost(net, X, y, lam), value)


def test_softsign_network_gradients_match_autograd():
    """The note's Softsign: double backprop through f'' = -2 sign(z) / (1 + |z|)^3 (Vijay (2)).

    Autograd differentiates the same branches, so no pre-activation needs to keep away from 0.
    """
    rng = np.random.default_rng(3)
    net = mlp((2, 5, 4, 3), Softsign, rng)
    X = rng.uniform(-1, 1, (6, 2))
    y = rng.integers(0, 3, 6)
    value = jacobian_penalty_loss(net, X, y, 0.7)
    params = parameters(net)
    C = penalty_cost(net, X, y, 0.7)
    assert value == pytest.approx(C(params), rel=1e-12)
    for (key, layer, name), want in zip(net.named_parameters(), grad(C)(params)):
        assert_close(layer.grads[name], want)


def test_slopes_without_labels_and_a_zero_weight_leave_the_plain_squared_error():
    """lam = 0, or no slope labels, is the squared error of the values: the same bits as plain backprop."""
    x, y, slope, _ = sobolev_data(6)
    reference = mlp((1, 4, 1), Tanh, np.random.default_rng(1))
    expected = np.sum((reference.forward(x) - y) ** 2)
    reference.backward(2 * (reference.forward(x) - y))
    for lam, has_slope in ((0.0, None), (2.0, np.zeros(6, dtype=bool))):
        net = mlp((1, 4, 1), Tanh, np.random.default_rng(1))
        assert sobolev_loss(net, x, y, slope, lam, has_slope) == expected
        for (key, layer, name), (_, ref, _) in zip(net.named_parameters(), reference.named_parameters()):
            assert np.array_equal(layer.grads[name], ref.grads[name]), key


def test_input_jacobian_is_the_derivative_of_the_network():
    net = mlp((3, 5, 2), Tanh, np.random.default_rng(2))
    x = np.random.default_rng(3).standard_normal((4, 3))
    y, y_dot = input_jacobian(net, x)
    assert y.shape == (4, 2) and y_dot.shape == (4, 3, 2)
    for b in range(4):
        for k in range(2):
            numeric = numerical_grad(lambda v: net.forward(v[None])[0, k], x[b])
            assert_close(y_dot[b, :, k], numeric, NUMERIC_TOL)
    assert_close(jacobian_norms(net, x), np.sqrt(np.sum(y_dot ** 2, axis=(1, 2))))


def test_adam_follows_its_update_written_out():
    rng = np.random.default_rng(0)
    net = Sequential(Linear(2, 3, rng))
    grads = [rng.standard_normal((3, 2)) for _ in range(4)]
    W, m, v = net.layers[0].params["W"].copy(), np.zeros((3, 2)), np.zeros((3, 2))
    adam = Adam(net, lr=0.1)
    for t, g in enumerate(grads, start=1):
        net.layers[0].grads = {"W": g, "b": np.zeros(3)}
        adam.step()
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g ** 2
        W = W - 0.1 * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        assert_close(net.layers[0].params["W"], W, 1e-14)
    assert np.array_equal(net.layers[0].params["b"], np.zeros(3))  # a zero gradient does not move


def test_adam_first_step_moves_each_parameter_by_the_learning_rate():
    net = Sequential(Linear(2, 2, np.random.default_rng(0)))
    before = net.layers[0].params["W"].copy()
    net.layers[0].grads = {"W": np.array([[3.0, -1e-3], [-40.0, 0.5]]), "b": np.zeros(2)}
    Adam(net, lr=0.01).step()
    # |g| / (|g| + eps): 1 - 1e-5 for the gradient -1e-3
    assert_close(before - net.layers[0].params["W"], 0.01 * np.array([[1.0, -1.0], [-1.0, 1.0]]), 1e-5)


@pytest.mark.parametrize("lam, n_slopes", [(0.0, 0), (1.0, 6), (0.1, 3)])
def test_sobolev_training_lowers_the_loss(lam, n_slopes):
    _, history = fit_sobolev(lam, n_slopes, steps=200)
    assert history.shape == (200,) and history[-1] < 1e-2 * history[0]


def test_derivative_labels_improve_the_fit_between_samples():
    """The chapter's claim, on five initialisations: slopes make both test errors several times smaller."""
    for seed in range(5):
        plain = sobolev_errors(fit_sobolev(0.0, 6, seed=seed)[0])
        sobolev = sobolev_errors(fit_sobolev(1.0, 6, seed=seed)[0])
        assert sobolev[0] < plain[0] / 4 and sobolev[1] < plain[1] / 4, (seed, plain, sobolev)


def test_jacobian_penalty_training_lowers_the_cost_and_the_jacobian():
    X, y = spiral_data()
    plain, plain_history = fit_smooth_classifier(0.0, X, y, steps=300)
    smooth, smooth_history = fit_smooth_classifier(1e-3, X, y, steps=300)
    for history in (plain_history, smooth_history):
        assert history[-1] < 0.3 * history[0]
    assert jacobian_norms(smooth, X).mean() < 0.5 * jacobian_norms(plain, X).mean()
    assert accuracy(smooth.forward(X), y) >= 0.95


def test_data_and_masks():
    x, y, slope, has_slope = sobolev_data(6, 3)
    assert x.shape == y.shape == (6, 1) and slope.shape == (6, 1, 1)
    assert (x[0, 0], x[-1, 0]) == DOMAIN
    assert np.array_equal(y, target(x)) and np.array_equal(slope[:, :, 0], target_slope(x))
    assert list(np.flatnonzero(has_slope)) == [0, 2, 5]
    assert [int(slope_mask(6, k).sum()) for k in range(7)] == list(range(7))
    assert list(np.flatnonzero(slope_mask(6, 1))) == [0]
    grid = dense_grid(11)
    assert grid.shape == (11, 1) and (grid[0, 0], grid[-1, 0]) == DOMAIN


@pytest.mark.parametrize("call, message", [
    (lambda: sobolev_loss(mlp((1, 2, 1)), np.zeros((3, 1)), np.zeros((3, 1)), np.zeros((3, 1)), 1.0),
     r"sobolev_loss: slope must have shape \(3, 1, 1\)"),
    (lambda: sobolev_loss(mlp((1, 2, 1)), np.zeros((3, 1)), np.zeros((3, 2)), np.zeros((3, 1, 1)), 1.0),
     r"sobolev_loss: y must have shape \(3, 1\)"),
    (lambda: sobolev_loss(mlp((1, 2, 1)), np.zeros((3, 1)), np.zeros((3, 1)), np.zeros((3, 1, 1)), -1.0),
     "lam must be a finite number >= 0"),
    (lambda: sobolev_loss(mlp((1, 2, 1)), np.zeros((3, 1)), np.zeros((3, 1)), np.zeros((3, 1, 1)), 1.0,
                          np.ones(3)), "has_slope must be a boolean array of shape"),
    (lambda: jacobian_penalty_loss(mlp((2, 2, 2)), np.zeros((3, 2)), np.array([0, 1, 2]), 1.0),
     r"jacobian_penalty_loss: labels must lie in \[0, 2\)"),
    (lambda: jacobian_penalty_loss(mlp((2, 2, 2)), np.zeros((3, 2)), np.array([0, 1, 1]), np.inf),
     "lam must be a finite number >= 0"),
    (lambda: mlp((3,)), "mlp: widths must be two or more integers"),
    (lambda: Adam(mlp((1, 1)), lr=0.0), "Adam: lr must be a finite number > 0"),
    (lambda: slope_mask(6, 7), r"slope_mask: n_slopes must be an integer in \[0, 6\]"),
    (lambda: sobolev_data(1), "sobolev_data: n_samples must be an integer >= 2"),
    (lambda: train(mlp((1, 1)), lambda: 0.0, steps=-1), "train: steps must be an integer >= 0"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


NUDGES = (0.0, 1e-12, -1e-12)


def nudged_fit(cost_of, net, nudge, steps):
    """Train ``net`` with every initial parameter scaled by ``1 + nudge``, about 10^4 round-offs."""
    for _, layer, name in net.named_parameters():
        layer.params[name] *= 1.0 + nudge
    train(net, cost_of(net), steps)
    return net


def printed_sobolev(nudge):
    """The chapter's printed test errors (2 significant digits), with and without slopes."""
    x, y, slope, has_slope = sobolev_data(6)
    lines = []
    for lam in (0.0, 1.0):
        net = nudged_fit(lambda n: lambda: sobolev_loss(n, x, y, slope, lam, has_slope),
                         mlp((1, 16, 16, 1), Tanh, np.random.default_rng(0)), nudge, 500)
        lines.append("{:.2g} {:.2g}".format(*sobolev_errors(net)))
    return lines


def printed_classifier(nudge):
    """The chapter's printed accuracies and mean Jacobian norms of the two spiral classifiers."""
    X, y = spiral_data()
    X_test, y_test = spiral_data(200, seed=1)
    lines = []
    for lam in (0.0, 1e-3, 1e-2):
        net = nudged_fit(lambda n: lambda: jacobian_penalty_loss(n, X, y, lam),
                         mlp((2, 32, 32, 2), Tanh, np.random.default_rng(0)), nudge, 500)
        lines.append(f"{accuracy(net.forward(X), y):.1%} {accuracy(net.forward(X_test), y_test):.1%} "
                     f"{jacobian_norms(net, X).mean():.2g} {jacobian_norms(net, X_test).mean():.2g}")
    return lines


@pytest.mark.parametrize("printed", [printed_sobolev, printed_classifier])
def test_printed_figures_survive_a_round_off_nudge(printed):
    """The chapter prints these after hundreds of Adam steps: they must not depend on round-off."""
    lines = {nudge: printed(nudge) for nudge in NUDGES}
    assert lines[NUDGES[1]] == lines[0.0] == lines[NUDGES[2]], lines


def test_the_nudge_is_felt_and_softsign_amplifies_it():
    """With Softsign, whose f'' jumps at 0, the penalised training is sensitive; with tanh it is not."""
    X, y = spiral_data()

    def weights(activation, nudge):
        net = nudged_fit(lambda n: lambda: jacobian_penalty_loss(n, X, y, 1e-2),
                         mlp((2, 32, 32, 2), activation, np.random.default_rng(0)), nudge, 300)
        return np.concatenate([layer.params[name].ravel() for _, layer, name in net.named_parameters()])

    tanh_gap = np.max(np.abs(weights(Tanh, 0.0) - weights(Tanh, 1e-12)))
    softsign_gap = np.max(np.abs(weights(Softsign, 0.0) - weights(Softsign, 1e-12)))
    assert 0 < tanh_gap < 1e-8 < 1e-3 < softsign_gap
