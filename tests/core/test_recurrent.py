"""GatedRecurrent (Chapter 4): one step, backpropagation through time, truncation, per-example
gradients and bad input, against central differences and HIPS autograd on random shapes in float64.
"""
import re

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from hypothesis import given
from hypothesis import strategies as st

import gradlib
from autograd_models import forward, gated_recurrent, parameters
from gradlib import GatedRecurrent, Sequential, check
from gradlib.check import numerical_grad, rel_error
from strategies import SETTINGS, arrays, seeds

TOL = 1e-10          # against autograd: the same function, another order of operations
FD_TOL = check.TOL   # against central differences
NAMES = ("Wu", "Wc", "vu", "vc", "bu", "bc")
LOSSES = ("every step", "last step")

lengths = st.integers(1, 5)
small = st.integers(1, 3)


def assert_close(got, want, tol=TOL, what=""):
    assert got.shape == want.shape, f"{what}: shape {got.shape}, expected {want.shape}"
    assert rel_error(got, want) <= tol, f"{what}: relative error {rel_error(got, want):.1e}"


def raises(*fragments):
    """Expect a ValueError whose message contains every fragment, in order."""
    return pytest.raises(ValueError, match=".*".join(map(re.escape, fragments)))


def shapes(n_in, n):
    return {"Wu": (n, n_in), "Wc": (n, n_in), "vu": (n,), "vc": (n,), "bu": (n,), "bc": (n,)}


@st.composite
def sequences(draw):
    """``(params, x, h0)``: a random layer's parameters, a sequence ``x: (T, B, n_in)`` and ``h0: (B, n)``."""
    T, B, n_in, n = draw(lengths), draw(small), draw(small), draw(small)
    params = {name: draw(arrays(shape, scale=1.0)) for name, shape in shapes(n_in, n).items()}
    return params, draw(arrays((T, B, n_in))), draw(arrays((B, n), scale=1.0))


def layer_of(params, truncate=None):
    n, n_in = params["Wu"].shape
    return GatedRecurrent(n_in, n, truncate=truncate, **params)


def direct_adjoints(data, shape, loss):
    """``dA: (T, B, n)``: random at every step, or zero except at the last step."""
    dA = data.draw(arrays(shape))
    if loss == "last step":
        dA[:-1] = 0.0
    return dA


def analytic(layer, x, h0, dA):
    """``{x, h0, Wu, ...}``: what ``backward(dA)`` returns and sets, after ``forward(x, h0)``."""
    layer.forward(x, h0)
    dX = layer.backward(dA)
    return {"x": dX, "h0": layer.dh0, **{k: g.copy() for k, g in layer.grads.items()}}


def autograd_grads(cost, x, h0, params):
    """``{x, h0, Wu, ...}``: autograd's gradient of ``cost(x, h0, Wu, Wc, vu, vc, bu, bc)``."""
    args = (x, h0, *(params[name] for name in NAMES))
    return {key: grad(cost, i)(*args) for i, key in enumerate(("x", "h0") + NAMES)}


def assert_all_close(got, want, tol=TOL):
    assert got.keys() == want.keys()
    for key in want:
        assert_close(got[key], want[key], tol, key)


# ---------------------------------------------------------------- one step


@SETTINGS
@given(data=st.data(), B=small, n_in=small, n=small)
def test_step_backward_matches_central_differences_and_autograd(data, B, n_in, n):
    params = {name: data.draw(arrays(shape, scale=1.0)) for name, shape in shapes(n_in, n).items()}
    x_t, a_prev, da_t = data.draw(arrays((B, n_in))), data.draw(arrays((B, n))), data.draw(arrays((B, n)))
    a_t, cache = GatedRecurrent.step_forward(x_t, a_prev, params)
    dx_t, da_prev, grads_t = GatedRecurrent.step_backward(da_t, cache, params)
    got = {"x": dx_t, "h0": da_prev, **grads_t}

    def C(x_, a_, **changed):
        return np.sum(da_t * GatedRecurrent.step_forward(x_, a_, {**params, **changed})[0])

    numeric = {"x": numerical_grad(lambda v: C(v, a_prev), x_t),
               "h0": numerical_grad(lambda v: C(x_t, v), a_prev),
               **{name: numerical_grad(lambda v, name=name: C(x_t, a_prev, **{name: v}), params[name])
                  for name in NAMES}}
    assert_all_close(got, numeric, FD_TOL)

    def C_anp(x_, a_, *p):
        return anp.sum(da_t * gated_recurrent(x_[None], a_, *p)[0])

    assert_all_close(got, autograd_grads(C_anp, x_t, a_prev, params))
    assert_close(a_t, gated_recurrent(x_t[None], a_prev, *(params[k] for k in NAMES))[0])


# ---------------------------------------------------------------- whole sequences


@pytest.mark.parametrize("loss", LOSSES)
@SETTINGS
@given(data=st.data(), sequence=sequences())
def test_bptt_matches_central_differences(loss, data, sequence):
    params, x, h0 = sequence
    layer = layer_of(params)
    dA = direct_adjoints(data, (x.shape[0], x.shape[1], layer.n), loss)

    def C(x_, h0_, **changed):
        return np.sum(dA * layer_of({**params, **changed}).forward(x_, h0_))

    numeric = {"x": numerical_grad(lambda v: C(v, h0), x),
               "h0": numerical_grad(lambda v: C(x, v), h0),
               **{name: numerical_grad(lambda v, name=name: C(x, h0, **{name: v}), params[name])
                  for name in NAMES}}
    assert_all_close(analytic(layer, x, h0, dA), numeric, FD_TOL)


@pytest.mark.parametrize("loss", LOSSES)
@SETTINGS
@given(data=st.data(), sequence=sequences())
def test_bptt_matches_autograd(loss, data, sequence):
    params, x, h0 = sequence
    layer = layer_of(params)
    dA = direct_adjoints(data, (x.shape[0], x.shape[1], layer.n), loss)

    def C(x_, h0_, *p):
        return anp.sum(dA * gated_recurrent(x_, h0_, *p))

    assert_close(layer.forward(x, h0), gated_recurrent(x, h0, *(params[k] for k in NAMES)))
    assert_all_close(analytic(layer, x, h0, dA), autograd_grads(C, x, h0, params))


@SETTINGS
@given(data=st.data(), T=lengths, B=small, widths=st.tuples(small, small, small), seed=seeds)
def test_two_stacked_layers_match_central_differences_and_autograd(data, T, B, widths, seed):
    rng = np.random.default_rng(seed)
    net = Sequential(GatedRecurrent(widths[0], widths[1], rng, bu=rng.uniform(-1, 1, widths[1])),
                     GatedRecurrent(widths[1], widths[2], rng, bc=rng.uniform(-1, 1, widths[2])))
    x = data.draw(arrays((T, B, widths[0])))
    report = check.check_layer(net, x)
    assert report.passed, str(report)
    assert len(report) == 1 + 2 * len(NAMES)  # dC/dx and the six parameters of each layer

    dy = data.draw(arrays((T, B, widths[2])))
    net.forward(x)
    dx = net.backward(dy)
    f, params = forward(net), parameters(net)
    assert_close(dx, grad(lambda x_: anp.sum(dy * f(x_, params)))(x))
    want = grad(lambda p: anp.sum(dy * f(x, p)))(params)
    for (key, layer, name), g in zip(net.named_parameters(), want):
        assert_close(layer.grads[name], g, what=key)


# ---------------------------------------------------------------- truncated BPTT


def truncated_cost(dA, k, A):
    r"""The brute-force truncated cost: :math:`\sum_s \langle dA_s, A_s \rangle`, each :math:`A_s` recomputed
    from the state k steps back, ``A[s - k]``, given as a constant (detached); from ``h0`` if s < k.
    """
    def C(x, h0, *p):
        total = 0.0
        for s in range(len(dA)):
            start = s - k + 1
            a_start = h0 if start <= 0 else A[start - 1]
            total = total + anp.sum(dA[s] * gated_recurrent(x[max(start, 0):s + 1], a_start, *p)[-1])
        return total
    return C


@SETTINGS
@given(data=st.data(), sequence=sequences(), k=st.integers(1, 5), loss=st.sampled_from(LOSSES))
def test_truncated_bptt_matches_autograd_with_the_state_detached_k_steps_back(data, sequence, k, loss):
    params, x, h0 = sequence
    layer = layer_of(params, truncate=k)
    dA = direct_adjoints(data, (x.shape[0], x.shape[1], layer.n), loss)
    A = gated_recurrent(x, h0, *(params[name] for name in NAMES))  # plain NumPy: constants
    assert_all_close(analytic(layer, x, h0, dA), autograd_grads(truncated_cost(dA, k, A), x, h0, params))


@SETTINGS
@given(data=st.data(), sequence=sequences(), extra=st.integers(0, 3))
def test_truncating_at_T_steps_or_more_is_full_bptt(data, sequence, extra):
    params, x, h0 = sequence
    dA = data.draw(arrays((x.shape[0], x.shape[1], params["Wu"].shape[0])))
    full = analytic(layer_of(params), x, h0, dA)
    truncated = analytic(layer_of(params, truncate=x.shape[0] + extra), x, h0, dA)
    assert_all_close(truncated, full, tol=1e-13)  # the same terms, summed in another order


@SETTINGS
@given(data=st.data(), sequence=sequences())
def test_truncate_1_is_the_sum_of_the_local_step_gradients(data, sequence):
    params, x, h0 = sequence
    layer = layer_of(params, truncate=1)
    dA = data.draw(arrays((x.shape[0], x.shape[1], layer.n)))
    got = analytic(layer, x, h0, dA)
    want = {"x": np.empty_like(x), **{name: np.zeros_like(p) for name, p in params.items()}}
    for t, cache in enumerate(layer.cache["steps"]):  # each step's own dA[t], no carried adjoint
        want["x"][t], da_prev, grads_t = GatedRecurrent.step_backward(dA[t], cache, params)
        if t == 0:
            want["h0"] = da_prev
        for name in NAMES:
            want[name] += grads_t[name]
    assert_all_close(got, want, tol=1e-15)
    if x.shape[0] > 1 and np.any(dA[1:]):  # with T > 1, full BPTT differs: the test can fail
        assert rel_error(analytic(layer_of(params), x, h0, dA)["Wu"], got["Wu"]) > 1e-8


def test_truncation_is_validated():
    for bad in (0, -1, 2.5, True, "3"):
        with raises("GatedRecurrent(3->2): truncate must be None or an integer >= 1", f"got {bad!r}"):
            GatedRecurrent(3, 2, truncate=bad)


# ---------------------------------------------------------------- per-example gradients


def one_example_at_a_time(params, x, h0, dA, truncate):
    """One layer per example ``b``, run on ``x[:, b:b+1]``: ``[(layer, dX)]``, each layer after its backward."""
    singles = []
    for b in range(x.shape[1]):
        single = layer_of(params, truncate)
        single.forward(x[:, b:b + 1], h0[b:b + 1])
        singles.append((single, single.backward(dA[:, b:b + 1])))
    return singles


@SETTINGS
@given(data=st.data(), sequence=sequences(), truncate=st.sampled_from([None, 1, 2]))
def test_per_example_grads_and_their_squares_match_a_loop_over_examples(data, sequence, truncate):
    params, x, h0 = sequence
    layer = layer_of(params, truncate)
    dA = data.draw(arrays((x.shape[0], x.shape[1], layer.n)))
    batch = analytic(layer, x, h0, dA)
    per_example, squares = layer.per_example_grads(), layer.sum_grad_squared()
    singles = one_example_at_a_time(params, x, h0, dA, truncate)
    for name in NAMES:
        stacked = np.stack([single.grads[name] for single, _ in singles])
        assert_close(per_example[name], stacked, 1e-12, name)
        assert_close(per_example[name].sum(axis=0), batch[name], 1e-12, name)
        assert_close(squares[name], np.sum(stacked ** 2, axis=0), 1e-12, name)
    # examples never mix: each row of dX and dh0 is that example's own
    assert_close(batch["x"], np.concatenate([dX for _, dX in singles], axis=1))
    assert_close(batch["h0"], np.concatenate([single.dh0 for single, _ in singles]))


def shortcut_and_exact(T, seed=0, B=4, n_in=3, n=5):
    """Linear's shortcut, the sum over b and t of each step's squared gradient, and the exact
    sum over b of the squared sums over t; plus the layer's own ``sum_grad_squared``.
    """
    rng = np.random.default_rng(seed)
    x, h0, dA = rng.standard_normal((T, B, n_in)), rng.standard_normal((B, n)), rng.standard_normal((T, B, n))
    layer = GatedRecurrent(n_in, n, rng)
    analytic(layer, x, h0, dA)
    shortcut = {name: np.zeros_like(p) for name, p in layer.params.items()}
    exact = {name: np.zeros_like(p) for name, p in layer.params.items()}
    for single, _ in one_example_at_a_time(layer.params, x, h0, dA, None):
        for t, cache in enumerate(single.cache["steps"]):
            _, _, grads_t = GatedRecurrent.step_backward(single.cache["da_total"][t], cache, layer.params)
            for name in NAMES:
                shortcut[name] += grads_t[name] ** 2
        for name in NAMES:
            exact[name] += single.grads[name] ** 2
    return shortcut, exact, layer.sum_grad_squared()


def test_the_linear_shortcut_is_wrong_for_weights_shared_over_time():
    shortcut, exact, ours = shortcut_and_exact(T=8)
    for name in NAMES:
        assert_close(ours[name], exact[name], 1e-12, name)
        assert rel_error(shortcut[name], exact[name]) > 0.05, name  # measured 0.24 to 0.52
    shortcut, exact, _ = shortcut_and_exact(T=1)  # one step, one outer product: the shortcut is exact
    for name in NAMES:
        assert_close(shortcut[name], exact[name], 1e-12, name)


def test_gradlib_per_example_functions_accept_a_recurrent_network():
    rng = np.random.default_rng(0)
    net = Sequential(GatedRecurrent(2, 3, rng), GatedRecurrent(3, 2, rng, truncate=2))
    x, dy = rng.standard_normal((4, 3, 2)), rng.standard_normal((4, 3, 2))
    net.forward(x)
    per_example = gradlib.per_example_grads(net, dy)
    squares = gradlib.sum_grad_squared(net, dy)
    assert sorted(per_example) == sorted(f"{i}.{name}" for i in (0, 1) for name in NAMES)
    for key, layer, name in net.named_parameters():
        assert per_example[key].shape == (3,) + layer.params[name].shape
        assert_close(per_example[key].sum(axis=0), layer.grads[name], 1e-12, key)
        assert_close(squares[key], np.sum(per_example[key] ** 2, axis=0), 1e-15, key)


# ---------------------------------------------------------------- the contract


def test_defaults_shapes_and_an_owned_copy_of_the_given_parameters():
    layer = GatedRecurrent(4, 3, np.random.default_rng(0))
    assert {k: p.shape for k, p in layer.params.items()} == shapes(4, 3)
    assert np.array_equal(layer.params["bu"], np.zeros(3)) and np.array_equal(layer.params["bc"], np.zeros(3))
    assert all(np.array_equal(layer.grads[k], np.zeros_like(p)) for k, p in layer.params.items())
    Wu = np.ones((3, 4))
    layer = GatedRecurrent(4, 3, Wu=Wu)
    layer.params["Wu"] -= 1.0
    assert np.array_equal(Wu, np.ones((3, 4)))


def test_backward_sets_the_gradients_and_h0_defaults_to_zeros():
    rng = np.random.default_rng(0)
    layer = GatedRecurrent(2, 3, rng)
    x, dA = rng.standard_normal((5, 4, 2)), rng.standard_normal((5, 4, 3))
    first = analytic(layer, x, None, dA)
    again = analytic(layer, x, np.zeros((4, 3)), dA)
    assert all(np.array_equal(first[k], again[k]) for k in first)  # set, not added
    assert first["x"].shape == (5, 4, 2) and first["h0"].shape == (4, 3)


def test_tangents_are_not_implemented():
    layer = GatedRecurrent(2, 3)
    with pytest.raises(NotImplementedError, match=re.escape("GatedRecurrent(2->3): the recurrent layer "
                                                            "does not implement tangents")):
        layer.forward_tangent(np.ones((4, 2)), np.ones((4, 1, 2)))
    with pytest.raises(NotImplementedError, match="does not implement tangents"):
        layer.backward_tangent(np.ones((4, 3)), np.ones((4, 1, 3)))


# ---------------------------------------------------------------- bad input

T_, B_ = 5, 4


def ran_forward():
    layer = GatedRecurrent(3, 2)
    layer.forward(np.ones((T_, B_, 3)))
    return layer


def with_nan(shape, index):
    a = np.ones(shape)
    a[index] = np.nan
    return a


BAD_FORWARD = {
    "one step, not a sequence": ((np.ones((B_, 3)), None), ("x must have shape (T, B, 3)", "got (4, 3)",
                                                            "rank 2, expected rank 3")),
    "wrong n_in": ((np.ones((T_, B_, 4)), None), ("x must have shape (T, B, 3)", "got (5, 4, 4)")),
    "batch-major 4-d": ((np.ones((1, T_, B_, 3)), None), ("x must have shape (T, B, 3)", "got (1, 5, 4, 3)")),
    "h0 of the wrong width": ((np.ones((T_, B_, 3)), np.ones((B_, 3))), ("h0 must have shape (4, 2)",
                                                                           "got (4, 3)")),
    "h0 of the wrong batch": ((np.ones((T_, B_, 3)), np.ones((B_ + 1, 2))), ("h0 must have shape (4, 2)",
                                                                               "got (5, 2)")),
    "h0 as a sequence": ((np.ones((T_, B_, 3)), np.ones((1, B_, 2))), ("h0 must have shape (4, 2)",
                                                                         "got (1, 4, 2)")),
    "integer x": ((np.ones((T_, B_, 3), dtype=np.int64), None), ("x must be a float array",
                                                                 "got dtype int64")),
    "NaN in x": ((with_nan((T_, B_, 3), (1, 2, 0)), None), ("x contains nan at index (1, 2, 0)",)),
    "inf in h0": ((np.ones((T_, B_, 3)), np.full((B_, 2), np.inf)), ("h0 contains inf at index (0, 0)",)),
    "a list": (([[[1.0, 2.0, 3.0]]], None), ("x must be a NumPy array of shape (T, B, 3)", "got list")),
}


@pytest.mark.parametrize("args, fragments", BAD_FORWARD.values(), ids=BAD_FORWARD.keys())
def test_forward_rejects_bad_input(args, fragments):
    with raises("GatedRecurrent(3->2).forward", *fragments):
        GatedRecurrent(3, 2).forward(*args)


BAD_PARAMETERS = {
    "Wu transposed": ({"Wu": np.ones((3, 2))}, ("Wu must have shape (2, 3)", "got (3, 2)")),
    "Wc of another width": ({"Wc": np.ones((2, 4))}, ("Wc must have shape (2, 3)", "got (2, 4)")),
    "vu as a column": ({"vu": np.ones((2, 1))}, ("vu must have shape (2,)", "got (2, 1)")),
    "vc as a matrix": ({"vc": np.ones((2, 2))}, ("vc must have shape (2,)", "got (2, 2)")),
    "integer bu": ({"bu": np.zeros(2, dtype=np.int64)}, ("bu must be a float array", "got dtype int64")),
    "NaN in bc": ({"bc": with_nan((2,), (1,))}, ("bc contains nan at index (1,)",)),
}


@pytest.mark.parametrize("given_, fragments", BAD_PARAMETERS.values(), ids=BAD_PARAMETERS.keys())
def test_the_constructor_rejects_bad_parameters(given_, fragments):
    with raises("GatedRecurrent(3->2)", *fragments):
        GatedRecurrent(3, 2, **given_)


def test_backward_before_forward():
    with raises("GatedRecurrent(3->2): backward called before forward"):
        GatedRecurrent(3, 2).backward(np.ones((T_, B_, 2)))


@pytest.mark.parametrize("shape", [(T_, B_, 3), (B_, 2), (T_ + 1, B_, 2), (T_, 2, B_)])
def test_backward_rejects_dA_of_another_shape(shape):
    with raises("GatedRecurrent(3->2).backward", f"dy must have shape ({T_}, {B_}, 2)", f"got {shape}"):
        ran_forward().backward(np.ones(shape))


def test_backward_rejects_a_non_finite_dA():
    with raises("GatedRecurrent(3->2).backward", "dy contains nan at index (4, 3, 1)"):
        ran_forward().backward(with_nan((T_, B_, 2), (4, 3, 1)))


def test_per_example_grads_need_a_backward_first():
    with raises("GatedRecurrent(3->2): per-example gradients need forward(x), then backward(dy)"):
        ran_forward().per_example_grads()
