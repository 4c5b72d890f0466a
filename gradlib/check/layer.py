"""Check a layer's or a network's derivatives against central differences (for authors).

Each checker runs the analytic method once and compares every quantity it
returns or fills with central differences of a scalar, one ``GradCheck`` line each.
"""
import numpy as np

from ..per_example import jacobian, per_example_grads, sum_grad_squared
from .numeric import TOL, GradCheck, GradReport, numerical_grad, numerical_jacobian, numerical_jvp


def check_layer(layer, x, rng=None, h=1e-6, tol=TOL):
    r"""Check ``layer.backward`` for the input and every parameter.

    Uses the scalar :math:`C = \sum \bar y \odot y`, ``y = layer.forward(x)``, with a random
    :math:`\bar y` of the output's shape, so backward(dy) must return dC/dx and fill dC/dparams.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    dy = rng.standard_normal(layer.forward(x).shape)
    dx = layer.backward(dy)
    grads = {k: g.copy() for k, g in _all_grads(layer).items()}

    def C_of_x(x_):
        return float(np.sum(dy * layer.forward(x_)))

    report = GradReport([GradCheck(f"{layer} dC/dx", dx, numerical_grad(C_of_x, x, h), tol)])
    for key, p in _all_params(layer).items():
        report.append(GradCheck(f"{key}", grads[key], _param_grad(p, lambda: C_of_x(x), h), tol))
    return report


def check_loss(net, loss, x, target, penalty=None, h=1e-6, tol=TOL):
    """Check every parameter gradient of C = loss(net(x), target) [+ penalty(net)]."""
    def C():
        value = loss.forward(net.forward(x), target)
        return value + (penalty.forward(net) if penalty is not None else 0.0)

    C()
    net.backward(loss.backward())
    if penalty is not None:
        penalty.backward(net)
    grads = {k: g.copy() for k, g in _all_grads(net).items()}
    return GradReport(GradCheck(key, grads[key], _param_grad(p, C, h), tol)
                      for key, p in _all_params(net).items())


def check_tangent(layer, x, x_dot, h=1e-6, tol=TOL):
    """Check ``layer.forward_tangent(x, x_dot)``: ``y`` against ``forward`` and ``y_dot`` against
    central differences of ``forward`` along each tangent direction ``x_dot[:, z]``.

    ``x: (B, n_in)``, ``x_dot: (B, n0, n_in)``; examples are independent, so one
    difference along ``x_dot[:, z]`` gives every example's ``y_dot[b, z]``.
    """
    y, y_dot = layer.forward_tangent(x, x_dot)
    y, y_dot = y.copy(), y_dot.copy()
    numeric = np.stack([numerical_jvp(layer.forward, x, x_dot[:, z], h)
                        for z in range(x_dot.shape[1])], axis=1)
    return GradReport([GradCheck(f"{layer} y", y, layer.forward(x), tol),
                       GradCheck(f"{layer} y_dot", y_dot, numeric, tol)])


def check_backward_tangent(layer, x, x_dot, rng=None, h=1e-6, tol=TOL):
    r"""Check ``layer.backward_tangent`` (double backprop) for ``x``, ``x_dot`` and every parameter.

    Uses the scalar :math:`C = \sum \bar y \odot y + \sum \bar{\dot y} \odot \dot y` of ``(y, y_dot) =
    forward_tangent(x, x_dot)``, random :math:`\bar y` and :math:`\bar{\dot y}`: a cost that depends
    on the tangent, as a cost with an input-gradient penalty does.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    y, y_dot = layer.forward_tangent(x, x_dot)
    dy, dy_dot = rng.standard_normal(y.shape), rng.standard_normal(y_dot.shape)
    dx, dx_dot = layer.backward_tangent(dy, dy_dot)
    grads = {k: g.copy() for k, g in _all_grads(layer).items()}

    def C(x_, x_dot_):
        y_, y_dot_ = layer.forward_tangent(x_, x_dot_)
        return float(np.sum(dy * y_) + np.sum(dy_dot * y_dot_))

    report = GradReport([
        GradCheck(f"{layer} dC/dx", dx, numerical_grad(lambda x_: C(x_, x_dot), x, h), tol),
        GradCheck(f"{layer} dC/dx_dot", dx_dot, numerical_grad(lambda v: C(x, v), x_dot, h), tol)])
    for key, p in _all_params(layer).items():
        report.append(GradCheck(key, grads[key], _param_grad(p, lambda: C(x, x_dot), h), tol))
    return report


def check_per_example(net, x, rng=None, h=1e-6, tol=TOL):
    r"""Check ``per_example_grads`` and ``sum_grad_squared`` for every parameter of ``net``.

    Example ``b``'s cost is :math:`C_b = \bar y_b \cdot y_b` with a random :math:`\bar y`;
    the central differences of all the :math:`C_b` with respect to a parameter come from
    one ``numerical_jacobian``, shape ``(B, *shape)``.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    dy = rng.standard_normal(net.forward(x).shape)
    per_example = per_example_grads(net, dy)
    squares = sum_grad_squared(net, dy)
    report = GradReport()
    for key, layer, name in net.named_parameters():
        numeric = _param_grad(layer.params[name], lambda: np.sum(dy * net.forward(x), axis=1), h)
        report.append(GradCheck(f"[{key}] {layer} d{name} per example", per_example[key], numeric, tol))
        report.append(GradCheck(f"[{key}] {layer} d{name} sum of squares", squares[key],
                                np.sum(numeric ** 2, axis=0), tol))
    return report


def check_jacobian(net, x, h=1e-6, tol=TOL):
    """Check ``jacobian(net, x)``: ``J_x`` and each ``J_params[key]`` against central differences.

    ``J_x[b, k, i]`` is read off the differences of the whole batch output with
    respect to ``x[b, i]``; the entries that mix two examples must be zero and are not compared.
    """
    J_params, J_x = jacobian(net, x)
    B = x.shape[0]
    full = numerical_jacobian(net.forward, x, h)  # (B, K, B, n0)
    report = GradReport([GradCheck(f"{net} J_x", J_x, full[np.arange(B), :, np.arange(B)], tol)])
    for key, layer, name in net.named_parameters():
        numeric = _param_grad(layer.params[name], lambda: net.forward(x), h)
        report.append(GradCheck(f"[{key}] {layer} J_{name}", J_params[key], numeric, tol))
    return report


def _all_params(layer):
    return {f"[{key}] {l} d{n}": l.params[n] for key, l, n in layer.named_parameters()}


def _all_grads(layer):
    return {f"[{key}] {l} d{n}": l.grads[n] for key, l, n in layer.named_parameters()}


def _param_grad(p, C, h):
    """Central differences of C() (a scalar or an array) with respect to the parameter array ``p``.

    C reads ``p`` where the layer keeps it, so each trial value is written into
    ``p`` in place; ``p`` holds its original values again afterwards.
    """
    original = p.copy()

    def C_at(value):
        p[...] = value
        return C()

    try:
        return numerical_jacobian(C_at, original, h)
    finally:
        p[...] = original
