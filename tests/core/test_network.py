"""Sequential, the L2 penalty and SGD: whole-network gradients against central differences."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gradlib import L2, SGD, Linear, Sequential, SoftmaxCrossEntropy, SquaredError, Tanh, check
from strategies import SETTINGS, arrays, labels, mlps, sizes

alphas = st.sampled_from([0.0, 0.1, 1.5])
reductions = st.sampled_from(["sum", "mean"])


def n_in(net):
    return net.layers[0].n_in


def n_out(net):
    return net.layers[-2].n_out  # the last Linear; an activation follows it


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes, reduction=reductions, alpha=alphas)
def test_network_with_squared_error_and_l2(data, net, B, reduction, alpha):
    x, y = data.draw(arrays((B, n_in(net)))), data.draw(arrays((B, n_out(net))))
    report = check.check_loss(net, SquaredError(reduction), x, y, L2(alpha))
    assert report.passed, str(report)
    assert len(report) == len(list(net.named_parameters()))


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes, reduction=reductions, alpha=alphas)
def test_network_with_softmax_cross_entropy_and_l2(data, net, B, reduction, alpha):
    x, y = data.draw(arrays((B, n_in(net)))), data.draw(labels(B, n_out(net)))
    report = check.check_loss(net, SoftmaxCrossEntropy(reduction), x, y, L2(alpha))
    assert report.passed, str(report)


@SETTINGS
@given(data=st.data(), net=mlps(), B=sizes)
def test_check_layer_on_a_whole_network(data, net, B):
    report = check.check_layer(net, data.draw(arrays((B, n_in(net)))))
    assert report.passed, str(report)
    assert len(report) == 1 + len(list(net.named_parameters()))  # dC/dx and every W and b


def small_net():
    rng = np.random.default_rng(0)
    return Sequential(Linear(2, 3, rng, b=rng.standard_normal(3)), Tanh(), Linear(3, 2, rng))


def test_l2_value_by_hand_excludes_biases():
    first, last = Linear(2, 1, W=[[1.0, 2.0]], b=[10.0]), Linear(1, 1, W=[[3.0]], b=[10.0])
    net = Sequential(first, Tanh(), last)
    assert L2(0.5).forward(net) == 0.5 / 2 * (1 + 4 + 9)


def penalty_of_one_parameter(penalty, net, layer, name):
    """R as a function of the array ``layer.params[name]``, every other parameter held fixed."""
    def R(p):
        original, layer.params[name] = layer.params[name], p
        value = penalty.forward(net)
        layer.params[name] = original
        return value
    return R


@SETTINGS
@given(net=mlps(), alpha=alphas)
def test_l2_gradient_matches_central_differences_and_leaves_biases_alone(net, alpha):
    penalty = L2(alpha)
    net.zero_grad()
    penalty.backward(net)
    for _, layer, name in net.named_parameters():
        R = penalty_of_one_parameter(penalty, net, layer, name)
        report = check.check_grad(R, lambda p: layer.grads[name], layer.params[name])
        assert report.passed, str(report)
    for _, layer, name in net.named_parameters():
        if name == "b":
            assert np.array_equal(layer.grads["b"], np.zeros_like(layer.params["b"]))


def test_parameters_are_listed_in_layer_order():
    net = small_net()
    first, _, last = net.layers
    assert list(net.named_parameters()) == [("0.W", first, "W"), ("0.b", first, "b"),
                                         ("2.W", last, "W"), ("2.b", last, "b")]


def test_zero_grad_resets_every_gradient():
    net = small_net()
    net.forward(np.ones((4, 2)))
    net.backward(np.ones((4, 2)))
    assert any(np.any(layer.grads[name] != 0) for _, layer, name in net.named_parameters())
    net.zero_grad()
    for _, layer, name in net.named_parameters():
        assert np.array_equal(layer.grads[name], np.zeros_like(layer.params[name]))


def test_one_sgd_step_is_theta_minus_lr_times_grad():
    net, loss = small_net(), SquaredError("mean")
    loss.forward(net.forward(np.ones((4, 2))), np.zeros((4, 2)))
    net.backward(loss.backward())
    before = {(id(l), n): (l.params[n].copy(), l.grads[n].copy()) for _, l, n in net.named_parameters()}
    SGD(net, lr=0.3).step()
    for _, layer, name in net.named_parameters():
        theta, grad = before[id(layer), name]
        np.testing.assert_array_equal(layer.params[name], theta - 0.3 * grad)


def test_training_a_tiny_network_lowers_its_loss():
    rng = np.random.default_rng(0)
    x = rng.uniform(-1.0, 1.0, (16, 2))
    y = np.sin(x @ np.array([[1.0], [2.0]]))
    net, loss = Sequential(Linear(2, 8, rng), Tanh(), Linear(8, 1, rng)), SquaredError("mean")
    optimizer, costs = SGD(net, lr=0.1), []
    for _ in range(100):
        costs.append(loss.forward(net.forward(x), y))
        net.backward(loss.backward())
        optimizer.step()
    assert costs[-1] < 0.2 * costs[0]
    assert all(later <= earlier for earlier, later in zip(costs, costs[1:]))


@pytest.mark.parametrize("alpha", [0.0, 0.1])
def test_l2_adds_alpha_W_to_the_weight_gradient(alpha):
    net = small_net()
    net.zero_grad()
    L2(alpha).backward(net)
    np.testing.assert_array_equal(net.layers[0].grads["W"], alpha * net.layers[0].params["W"])


def test_a_nested_sequential_is_flattened_so_l2_sees_every_weight():
    inner = Sequential(Linear(2, 2, W=np.eye(2)), Tanh())
    net = Sequential(inner, Linear(2, 1, W=np.ones((1, 2))))
    assert len(net.layers) == 3
    assert L2(2.0).forward(net) == 2.0 / 2 * (2 + 2)
