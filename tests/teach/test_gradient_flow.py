"""Chapter 4: the adjoint that reaches step t from a loss at step T, gated and plain tanh RNN.

Each adjoint is checked against brute force: central differences and HIPS autograd of
the cost as a function of the state A_t, running the rest of the sequence from there.
The plain tanh RNN (the gated layer with its gate pinned open) is checked against a tanh
RNN written here from its definition.
"""
import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from hypothesis import given
from hypothesis import strategies as st

from gradlib.check import check_layer, numerical_grad, rel_error
from gradlib.recurrent import GatedRecurrent
from gradlib.teach.gradient_flow import (GATE_OPEN, carried_adjoints, compare_reach, flow_cells,
                                         gradient_reach, plain_tanh_rnn)
from strategies import SETTINGS, arrays, seeds, sizes

TOL = 1e-10


def assert_close(got, want, tol=TOL):
    assert got.shape == want.shape, (got.shape, want.shape)
    assert rel_error(got, want) <= tol, f"relative error {rel_error(got, want):.1e}"


def gated_last_state(params, x, a):
    """A_T from the state ``a`` after running ``x``, the gated step written here in anp."""
    for x_t in x:
        g = 1.0 / (1.0 + anp.exp(-(anp.dot(x_t, params["Wu"].T) + a * params["vu"] + params["bu"])))
        a = g * anp.tanh(anp.dot(x_t, params["Wc"].T) + a * params["vc"] + params["bc"]) + (1.0 - g) * a
    return a


def tanh_rnn(Wc, vc, bc, x, a):
    """The plain tanh RNN from its definition: every state A_1..A_T, stacked (anp, so autograd sees it)."""
    states = []
    for x_t in x:
        a = anp.tanh(anp.dot(x_t, Wc.T) + a * vc + bc)
        states.append(a)
    return anp.stack(states)


@st.composite
def gated_cases(draw):
    """A GatedRecurrent with random weights and biases, ``x: (T, B, n_in)`` and ``h0: (B, n)``."""
    T, B, n_in, n = (draw(sizes) for _ in range(4))
    rng = np.random.default_rng(draw(seeds))
    layer = GatedRecurrent(n_in, n, rng, bu=rng.uniform(-2, 2, n), bc=rng.uniform(-1, 1, n))
    return layer, draw(arrays((T, B, n_in))), draw(arrays((B, n), scale=1.0))


def cost_from_state(layer, x, k):
    """``C(s) = sum_b u . A_T`` with s = A_{T-k}: the last k steps run from s (anp)."""
    u = 1.0 / np.sqrt(layer.n)
    return lambda s: anp.sum(u * gated_last_state(layer.params, x[len(x) - k:], s))


@SETTINGS
@given(case=gated_cases())
def test_carried_adjoints_are_the_gradients_of_the_last_step_cost_with_respect_to_each_state(case):
    layer, x, h0 = case
    T = len(x)
    adjoints = carried_adjoints(layer, x, h0)
    assert adjoints.shape == (T + 1,) + h0.shape
    states = np.concatenate([h0[None], layer.forward(x, h0)])  # A_0 .. A_T
    for k in range(T + 1):
        C, s = cost_from_state(layer, x, k), states[T - k]
        assert_close(adjoints[k], numerical_grad(C, s), 1e-7)
        assert_close(adjoints[k], grad(C)(s))


@SETTINGS
@given(case=gated_cases())
def test_gradient_reach_is_the_batch_mean_norm_and_starts_at_one(case):
    layer, x, h0 = case
    reach = gradient_reach(layer, x, h0)
    assert reach.shape == (len(x) + 1,)
    assert reach[0] == pytest.approx(1.0, abs=1e-15)  # ||u|| = 1 for every example
    assert np.array_equal(reach, np.linalg.norm(carried_adjoints(layer, x, h0), axis=2).mean(axis=1))


def test_a_truncated_layer_carries_the_adjoint_k_steps_back_and_no_further():
    layer, x = GatedRecurrent(3, 4, np.random.default_rng(0)), np.random.default_rng(1).normal(size=(6, 2, 3))
    full = carried_adjoints(layer, x)
    truncated = carried_adjoints(GatedRecurrent(3, 4, np.random.default_rng(0), truncate=2), x)
    assert np.array_equal(truncated[:2], full[:2]) and not truncated[2:].any()


@SETTINGS
@given(data=st.data(), T=sizes, B=sizes, n_in=sizes, n=sizes)
def test_plain_tanh_rnn_is_the_gated_layer_with_its_gate_exactly_open(data, T, B, n_in, n):
    Wc, vc, bc = data.draw(arrays((n, n_in))), data.draw(arrays((n,))), data.draw(arrays((n,), scale=1.0))
    x, h0 = data.draw(arrays((T, B, n_in))), data.draw(arrays((B, n), scale=1.0))
    plain = plain_tanh_rnn(Wc, vc, bc)
    A = plain.forward(x, h0)
    assert all(np.all(step["g"] == 1.0) for step in plain.cache["steps"])  # sigma(GATE_OPEN) rounds to 1
    assert np.array_equal(A, tanh_rnn(Wc, vc, bc, x, h0))                   # so A_t = tanh(Zc_t), bit for bit
    assert GATE_OPEN == plain.params["bu"][0]


@SETTINGS
@given(data=st.data(), T=sizes, B=sizes, n_in=sizes, n=sizes)
def test_plain_tanh_rnn_backward_matches_autograd_and_central_differences_of_the_tanh_rnn(data, T, B, n_in, n):
    Wc, vc, bc = data.draw(arrays((n, n_in))), data.draw(arrays((n,))), data.draw(arrays((n,), scale=1.0))
    x, h0, dA = data.draw(arrays((T, B, n_in))), data.draw(arrays((B, n), scale=1.0)), data.draw(arrays((T, B, n)))
    plain = plain_tanh_rnn(Wc, vc, bc)
    plain.forward(x, h0)
    dX = plain.backward(dA)

    def C(Wc, vc, bc, x, h0):
        return anp.sum(dA * tanh_rnn(Wc, vc, bc, x, h0))

    inputs = (Wc, vc, bc, x, h0)
    got = {"Wc": plain.grads["Wc"], "vc": plain.grads["vc"], "bc": plain.grads["bc"], "x": dX, "h0": plain.dh0}
    for i, name in enumerate(got):
        assert_close(got[name], grad(C, i)(*inputs))

        def C_i(v, i=i):
            return C(*inputs[:i], v, *inputs[i + 1:])
        assert_close(got[name], numerical_grad(C_i, inputs[i]), 1e-7)
    assert not any(plain.grads[name].any() for name in ("Wu", "vu", "bu"))  # the pinned gate learns nothing


def test_plain_tanh_rnn_passes_the_layer_check():
    plain = plain_tanh_rnn(*(np.random.default_rng(0).normal(size=s) for s in [(3, 2), (3,), (3,)]))
    report = check_layer(plain, np.random.default_rng(1).normal(size=(4, 2, 2)))
    assert report.passed, str(report)


def test_flow_cells_share_the_candidate_weights_and_set_the_gate_bias_and_scale():
    gated, plain = flow_cells(-2.5, 0.5, n_in=3, n=5, rng=np.random.default_rng(0))
    gated1, _ = flow_cells(1.0, 1.0, n_in=3, n=5, rng=np.random.default_rng(0))
    for name in ("Wc", "vc", "bc"):
        assert np.array_equal(gated.params[name], plain.params[name])
    assert np.all(gated.params["bu"] == -2.5)
    assert np.allclose(gated.params["vu"], 0.5 * gated1.params["vu"], rtol=0, atol=1e-15)
    assert np.array_equal(gated.params["Wu"], gated1.params["Wu"])


def test_at_the_widget_defaults_the_gate_keeps_the_gradient_that_the_plain_rnn_loses():
    gated, plain = compare_reach(-3.0, 1.0, 60)
    assert gated.shape == plain.shape == (61,)
    assert gated[50] > 0.1 and plain[50] < 1e-5
    # the more negative the gate bias, the closer the gate stays to 0, and the further back the gradient reaches
    reach_50 = [compare_reach(b_u, 1.0, 60)[0][50] for b_u in (2.0, 0.0, -2.0, -4.0)]
    assert np.all(np.diff(reach_50) > 0)


def test_a_shorter_sequence_is_the_start_of_a_longer_one():
    long, short = compare_reach(-3.0, 1.0, 20, batch=2), compare_reach(-3.0, 1.0, 10, batch=2)
    gated, _ = flow_cells(-3.0, 1.0, rng=np.random.default_rng(0))
    x = np.random.default_rng(1).standard_normal((20, 2, 4))
    assert np.array_equal(short[0], gradient_reach(gated, x[:10]))
    assert np.array_equal(long[0], gradient_reach(gated, x))


def test_bad_input_names_the_layer_and_the_shapes():
    gated, _ = flow_cells(0.0, 1.0, n_in=4, n=8)
    with pytest.raises(ValueError, match=r"GatedRecurrent.*x must have shape \(T, B, 4\), got \(5, 2, 3\)"):
        gradient_reach(gated, np.zeros((5, 2, 3)))
    with pytest.raises(ValueError, match=r"GatedRecurrent.*h0 must have shape \(2, 8\)"):
        gradient_reach(gated, np.zeros((5, 2, 4)), h0=np.zeros((2, 7)))
