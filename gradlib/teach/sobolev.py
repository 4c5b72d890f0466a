r"""Chapter 5's demonstrations of double backprop: costs that contain input derivatives.

Both costs below contain the network's input Jacobian :math:`\dot{\hat y}_{bkc} = \partial \hat y_{bc} / \partial x_{bk}`
(``k`` the input direction, ``c`` the output unit), computed by ``forward_tangent`` from the
identity tangent :math:`\dot x_{bki} = \delta_{ki}`.
Each needs only the adjoints of the output and of its tangent; ``backward_tangent``
carries both back through the network and sets every parameter gradient (double
backprop, Chapter 5). No second backward is written here.

- **Sobolev training** (Czarnecki et al., 2017): fit values :math:`y` and slopes :math:`s`,
  :math:`C = \sum_{b,c} (\hat y_{bc} - y_{bc})^2 + \lambda \sum_b h_b \sum_{k,c} (\dot{\hat y}_{bkc} - s_{bkc})^2`
  (Chapter 5, eq. (5.19), the Sobolev loss), here on :math:`f(x) = \sin 3x`;
- **a smoother classifier**: cross-entropy plus a penalty on the logits' input Jacobian,
  :math:`C = \frac1B \sum_b \big(\ell_b + \frac\lambda2 \lVert \partial z_b / \partial x_b \rVert_F^2\big)`
  (Chapter 5, eq. (5.20), the Jacobian penalty), on two spirals.

The Sobolev loss weighs its slope term by :math:`\lambda`, the Jacobian penalty by
:math:`\lambda / 2` (as Chapter 5, eq. (5.11), the cost with an input-gradient penalty, does).

Both train by ``Adam``, written out below, for a fixed number of full-batch steps from a
fixed seed, so every figure is reproducible. The networks use tanh: Softsign's
:math:`f''` jumps at 0 (Chapter 5, Vijay (2)), so the gradient of a cost with input
derivatives jumps too, and training becomes sensitive to round-off.
"""
import numpy as np

from .._validate import check_float_array, check_labels
from ..activations import Tanh
from ..linear import Linear
from ..losses import SoftmaxCrossEntropy
from ..network import Sequential
from .datasets import spirals

DOMAIN = (-1.5, 1.5)   # where the 1-D target is sampled and tested
FREQUENCY = 3.0        # the target sin(3x): about 1.4 periods on DOMAIN
STEPS = 500            # Adam steps of the Sobolev fits: converged, and the widget redraws well under 1 s
CLASSIFIER_STEPS = 500


def mlp(widths, activation=Tanh, rng=None):
    """``Linear, activation, ..., Linear`` through ``widths = (n0, n1, ..., nL)``; none on the output.

    Weights :math:`N(0, 1/n_{in})` and biases :math:`U(-1, 1)`, from ``rng`` (``default_rng(0)`` if None).
    Random biases break the symmetry of zero ones: with ``b = 0`` a network of odd activations is
    an odd function, the gradients of the biases on an odd target are 0 up to round-off, and
    Adam, which divides by the gradient's size, would turn that round-off into full steps.
    """
    if len(widths) < 2 or not all(isinstance(w, (int, np.integer)) and w >= 1 for w in widths):
        raise ValueError(f"mlp: widths must be two or more integers >= 1, got {widths!r}")
    rng = np.random.default_rng(0) if rng is None else rng
    layers = []
    for n_in, n_out in zip(widths[:-1], widths[1:]):
        layers += [Linear(n_in, n_out, rng, b=rng.uniform(-1.0, 1.0, n_out)), activation()]
    return Sequential(*layers[:-1])


def input_jacobian(net, x):
    r"""``(y, y_dot)``: the output ``y: (B, m)`` and its input Jacobian ``y_dot: (B, n0, m)``.

    :math:`\dot y_{bkc} = \partial y_{bc} / \partial x_{bk}`, one ``forward_tangent`` from the
    identity tangent ``x_dot[b] = I``, ``(B, n0, n0)``. The tangent stays cached for
    ``backward_tangent``.
    """
    x = check_float_array("input_jacobian", "x", x, ("B", "n0"))
    B, n0 = x.shape
    return net.forward_tangent(x, np.tile(np.eye(n0), (B, 1, 1)))


def sobolev_loss(net, x, y, slope, lam, has_slope=None):
    r"""The Sobolev loss; sets ``net``'s gradients by one ``backward_tangent`` and returns ``C``.

    Shapes: ``x: (B, n0)``, values ``y: (B, m)``, slopes ``slope: (B, n0, m)`` with
    ``slope[b, k, c]`` the target's :math:`\partial t_c / \partial x_k` at ``x[b]`` (the layout
    of the tangent), ``has_slope: (B,)`` booleans :math:`h_b` (all True if None): which
    examples carry a slope label. Chapter 5, eq. (5.19), the Sobolev loss:

    .. math:: C = \sum_{b,c} (\hat y_{bc} - y_{bc})^2
       + \lambda \sum_b h_b \sum_{k,c} (\dot{\hat y}_{bkc} - s_{bkc})^2,

    whose adjoints are :math:`\bar{\hat y} = 2 (\hat y - y)` and
    :math:`\bar{\dot{\hat y}}_b = 2 \lambda h_b (\dot{\hat y}_b - s_b)`.
    """
    x = check_float_array("sobolev_loss", "x", x, ("B", "n0"))
    B, n0 = x.shape
    if not (np.isfinite(lam) and lam >= 0):
        raise ValueError(f"sobolev_loss: lam must be a finite number >= 0, got {lam!r}")
    if has_slope is None:
        has_slope = np.ones(B, dtype=bool)
    if not (isinstance(has_slope, np.ndarray) and has_slope.dtype == bool and has_slope.shape == (B,)):
        raise ValueError(f"sobolev_loss: has_slope must be a boolean array of shape ({B},), "
                         f"got {getattr(has_slope, 'dtype', type(has_slope).__name__)} "
                         f"of shape {np.shape(has_slope)}")
    y_hat, slope_hat = input_jacobian(net, x)
    y = check_float_array("sobolev_loss", "y", y, y_hat.shape)
    slope = check_float_array("sobolev_loss", "slope", slope, slope_hat.shape)
    r = y_hat - y
    s = (slope_hat - slope) * has_slope[:, None, None]
    net.backward_tangent(2.0 * r, 2.0 * lam * s)
    return float(np.sum(r ** 2) + lam * np.sum(s ** 2))


def jacobian_penalty_loss(net, X, labels, lam):
    r"""Cross-entropy plus the Jacobian penalty; sets ``net``'s gradients and returns ``C``.

    Shapes: ``X: (B, n0)``, ``labels: (B,)`` integers in [0, K), ``net`` returns logits
    ``z: (B, K)``. Chapter 5, eq. (5.20), the Jacobian penalty:

    .. math:: C = \frac1B \sum_b \Big(-\log P_{b, y_b}
       + \frac\lambda2 \sum_{k,c} \dot z_{bkc}^2\Big), \qquad
       \dot z_{bkc} = \frac{\partial z_{bc}}{\partial x_{bk}},

    whose adjoints are :math:`\bar z_{bc} = (P_{bc} - \delta_{c y_b}) / B` (Chapter 2, with
    :math:`\delta_{c y_b}` the one-hot labels) and
    :math:`\bar{\dot z} = \lambda \dot z / B`.
    """
    X = check_float_array("jacobian_penalty_loss", "X", X, ("B", "n0"))
    if not (np.isfinite(lam) and lam >= 0):
        raise ValueError(f"jacobian_penalty_loss: lam must be a finite number >= 0, got {lam!r}")
    z, z_dot = input_jacobian(net, X)
    labels = check_labels("jacobian_penalty_loss", labels, X.shape[0], z.shape[1])
    B = X.shape[0]
    cross_entropy = SoftmaxCrossEntropy("mean")
    C = cross_entropy.forward(z, labels) + lam / (2 * B) * np.sum(z_dot ** 2)
    net.backward_tangent(cross_entropy.backward(), lam / B * z_dot)
    return float(C)


class Adam:
    r"""Adam (Kingma and Ba, 2015) on every parameter of ``net.named_parameters()``, in place.

    With :math:`g` the gradient in ``grads`` and ``t`` the step count,

    .. math:: m \leftarrow \beta_1 m + (1 - \beta_1) g, \quad
       v \leftarrow \beta_2 v + (1 - \beta_2) g^2, \quad
       \theta \leftarrow \theta - \eta \, \frac{m / (1 - \beta_1^t)}{\sqrt{v / (1 - \beta_2^t)} + \epsilon},

    entrywise: each parameter's step is scaled by a running size of its own gradient, so
    one learning rate ``lr`` (:math:`\eta`) suits any weight :math:`\lambda` of a penalty.
    """

    def __init__(self, net, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8):
        if not (np.isfinite(lr) and lr > 0):
            raise ValueError(f"Adam: lr must be a finite number > 0, got {lr!r}")
        if not (0 <= beta1 < 1 and 0 <= beta2 < 1):
            raise ValueError(f"Adam: beta1 and beta2 must be in [0, 1), got {beta1!r}, {beta2!r}")
        self.net, self.lr, self.beta1, self.beta2, self.eps = net, lr, beta1, beta2, eps
        self.m = {key: np.zeros_like(layer.params[name]) for key, layer, name in net.named_parameters()}
        self.v = {key: np.zeros_like(m) for key, m in self.m.items()}
        self.decay1 = self.decay2 = 1.0  # beta1^t and beta2^t, by running products

    def step(self):
        """One update of every parameter from its ``grads``, as set by the last backward pass."""
        self.decay1 *= self.beta1
        self.decay2 *= self.beta2
        for key, layer, name in self.net.named_parameters():
            g = layer.grads[name]
            self.m[key] = self.beta1 * self.m[key] + (1.0 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1.0 - self.beta2) * g ** 2
            m_hat, v_hat = self.m[key] / (1.0 - self.decay1), self.v[key] / (1.0 - self.decay2)
            layer.params[name] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def train(net, cost, steps, lr=0.01):
    """Run ``steps`` Adam steps on ``net``; ``cost()`` returns C and sets the gradients.

    Returns ``(steps,)``: C before each step.
    """
    if not (isinstance(steps, (int, np.integer)) and steps >= 0):
        raise ValueError(f"train: steps must be an integer >= 0, got {steps!r}")
    adam, history = Adam(net, lr), np.zeros(steps)
    for i in range(steps):
        history[i] = cost()
        adam.step()
    return history


def target(x):
    """The 1-D target :math:`f(x) = \\sin 3x`, elementwise."""
    return np.sin(FREQUENCY * x)


def target_slope(x):
    """Its derivative :math:`f'(x) = 3 \\cos 3x`, elementwise."""
    return FREQUENCY * np.cos(FREQUENCY * x)


def slope_mask(n_samples, n_slopes):
    """``(n_samples,)`` booleans, True at ``n_slopes`` samples spread evenly from first to last.

    ``n_slopes = 1`` marks the first sample; ``n_slopes = n_samples`` marks all of them.
    """
    if not (isinstance(n_slopes, (int, np.integer)) and 0 <= n_slopes <= n_samples):
        raise ValueError(f"slope_mask: n_slopes must be an integer in [0, {n_samples}], got {n_slopes!r}")
    mask = np.zeros(n_samples, dtype=bool)
    if n_slopes:
        mask[np.round(np.linspace(0, n_samples - 1, n_slopes)).astype(int)] = True
    return mask


def sobolev_data(n_samples=6, n_slopes=None):
    r"""``(x, y, slope, has_slope)``: ``n_samples`` evenly spaced samples of the target on DOMAIN.

    ``x, y: (n, 1)``, ``slope: (n, 1, 1)`` (the tangent's layout), ``has_slope: (n,)`` from
    ``slope_mask`` (every sample if ``n_slopes`` is None).
    """
    if not (isinstance(n_samples, (int, np.integer)) and n_samples >= 2):
        raise ValueError(f"sobolev_data: n_samples must be an integer >= 2, got {n_samples!r}")
    x = np.linspace(*DOMAIN, n_samples)[:, None]
    mask = slope_mask(n_samples, n_samples if n_slopes is None else n_slopes)
    return x, target(x), target_slope(x)[:, :, None], mask


def fit_sobolev(lam, n_slopes, n_samples=6, steps=STEPS, lr=0.01, width=16, seed=0, activation=Tanh):
    r"""Train ``mlp((1, width, width, 1), activation)`` on the Sobolev loss; return ``(net, history)``.

    ``lam = 0`` or ``n_slopes = 0`` fits the values alone. The network's weights come from
    ``default_rng(seed)``, the same for every ``lam`` and ``n_slopes``.
    """
    x, y, slope, has_slope = sobolev_data(n_samples, n_slopes)
    net = mlp((1, width, width, 1), activation, np.random.default_rng(seed))
    history = train(net, lambda: sobolev_loss(net, x, y, slope, lam, has_slope), steps, lr)
    return net, history


def dense_grid(n_grid=301):
    """``(n_grid, 1)`` evenly spaced points of DOMAIN, where the fits are tested."""
    return np.linspace(*DOMAIN, n_grid)[:, None]


def sobolev_errors(net, n_grid=301):
    """``(value_error, slope_error)``: the mean squared errors of ``net`` and of its derivative
    against the target's, on ``dense_grid(n_grid)``."""
    x = dense_grid(n_grid)
    y, y_dot = input_jacobian(net, x)
    return float(np.mean((y - target(x)) ** 2)), float(np.mean((y_dot[:, 0] - target_slope(x)) ** 2))


def spiral_data(n_per_class=50, noise=0.3, seed=0):
    """Two spiral arms, ``X: (2 n, 2)`` and ``labels: (2 n,)``, from ``datasets.spirals``."""
    return spirals(n_per_class, n_classes=2, noise=noise, rng=np.random.default_rng(seed))


def fit_smooth_classifier(lam, X, labels, n_classes=2, steps=CLASSIFIER_STEPS, lr=0.01, width=32, seed=0,
                          activation=Tanh):
    r"""Train ``mlp((n0, width, width, n_classes), activation)`` on ``jacobian_penalty_loss``; return ``(net, history)``.

    ``X: (B, n0)``, ``labels: (B,)`` in [0, n_classes). ``lam = 0`` is plain cross-entropy.
    The weights come from ``default_rng(seed)``, the same for every ``lam``.
    """
    X = check_float_array("fit_smooth_classifier", "X", X, ("B", "n0"))
    labels = check_labels("fit_smooth_classifier", labels, X.shape[0], n_classes)
    net = mlp((X.shape[1], width, width, n_classes), activation, np.random.default_rng(seed))
    history = train(net, lambda: jacobian_penalty_loss(net, X, labels, lam), steps, lr)
    return net, history


def jacobian_norms(net, X):
    r"""``(B,)``: :math:`\lVert \partial z_b / \partial x_b \rVert_F` for each row of ``X: (B, n0)``."""
    _, z_dot = input_jacobian(net, X)
    return np.sqrt(np.sum(z_dot ** 2, axis=(1, 2)))
