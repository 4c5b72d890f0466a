r"""How far back a gradient reaches: the carried adjoint of the gated cell and of a plain tanh RNN.

Chapter 4, section on vanishing gradients. Put the cost on the last step only,
:math:`C = \sum_b u^T A_T^{(b)}` with the unit vector :math:`u = \mathbf 1 / \sqrt n`,
so that :math:`\lVert \partial C / \partial A_T^{(b)} \rVert = 1` for each example. No
earlier step has a direct adjoint, so the adjoint of :math:`A_t` is the carried one alone
(Chapter 4, eq. (4.10), the carried adjoint): one factor per step it crosses, unit by
unit since the recurrent weights are diagonal,

.. math:: \bar A_{t-1} = \bar A_t \odot \big[(1 - G_t) + G_t \odot (1 - \tilde A_t^2) \odot v_c
   + (\tilde A_t - A_{t-1}) \odot G_t \odot (1 - G_t) \odot v_u\big].

When the update gate :math:`G_t` is near 0 (a negative gate bias :math:`b_u`), the first
term is near 1: the state is copied from step to step, and so is its adjoint. With the
gate pinned at :math:`G_t = 1` only :math:`(1 - A_t^2) \odot v_c` is left: the plain tanh
RNN, whose adjoint shrinks at every step unless :math:`|v_c| > 1`.

The adjoints come from ``GatedRecurrent.backward`` itself, which keeps the total adjoint
of every step in ``cache["da_total"]`` and that of the initial state in ``dh0``.
"""
import numpy as np

from ..recurrent import GatedRecurrent

# sigma(40) = 1 / (1 + 4.2e-18) rounds to 1.0 in float64: with Wu = 0 and vu = 0 the gate is
# exactly 1, its derivative sigma(1 - sigma) exactly 0.
GATE_OPEN = 40.0


def plain_tanh_rnn(Wc, vc, bc):
    r"""The plain tanh RNN :math:`A_t = \tanh(X_t W_c^T + A_{t-1} \odot v_c + \mathbf 1 b_c^T)` as a ``GatedRecurrent``.

    ``Wc: (n, n_in)``, ``vc: (n,)``, ``bc: (n,)``. It is the gated cell with its update
    gate pinned open: ``Wu = 0``, ``vu = 0`` and ``bu = GATE_OPEN``, so that
    :math:`G_t = \sigma(40) = 1` exactly in float64 and :math:`A_t = \tilde A_t`. The gated
    layer's own forward and backward then compute the tanh RNN's, to the last bit: the
    carried factor above reduces to :math:`(1 - A_t^2) \odot v_c`, and the gradients of
    ``Wu, vu, bu`` are exactly 0. So the comparison runs the same code with and
    without the gate, and any difference is the gate's.
    """
    n, n_in = np.shape(Wc)
    return GatedRecurrent(n_in, n, Wu=np.zeros((n, n_in)), Wc=Wc, vu=np.zeros(n), vc=vc,
                          bu=np.full(n, GATE_OPEN), bc=bc)


def carried_adjoints(layer, x, h0=None):
    r"""The adjoints :math:`\partial C / \partial A_t` for :math:`C = \sum_b u^T A_T^{(b)}`, from ``t = T`` down to 0.

    ``layer``: a ``GatedRecurrent``; ``x: (T, B, n_in)``; ``h0: (B, n)``, zeros if None.
    Returns ``(T + 1, B, n)``: row ``k`` is the adjoint of :math:`A_{T-k}`, row 0 is
    :math:`u` for every example and row ``T`` the adjoint of the initial state.
    One forward pass, one backward pass with the direct adjoint ``u`` at the last step only
    (a layer built with ``truncate=k`` carries it back ``k`` steps, zeros beyond).
    """
    A = layer.forward(x, h0)
    dA = np.zeros_like(A)
    dA[-1] = 1.0 / np.sqrt(A.shape[2])
    layer.backward(dA)
    return np.concatenate([layer.cache["da_total"][::-1], layer.dh0[None]])


def gradient_reach(layer, x, h0=None):
    r"""``reach: (T + 1,)``: ``reach[k]`` is the batch mean of :math:`\lVert \partial C / \partial A_{T-k} \rVert`.

    Since :math:`\lVert \partial C / \partial A_T \rVert = 1`, ``reach[k]`` is the fraction of the
    last step's gradient that reaches ``k`` steps back. Arguments as in ``carried_adjoints``.
    """
    return np.linalg.norm(carried_adjoints(layer, x, h0), axis=2).mean(axis=1)


def flow_cells(gate_bias, scale, n_in=4, n=8, rng=None):
    r"""A gated layer and the plain tanh RNN that shares its candidate weights ``Wc``, ``vc``, ``bc``.

    ``Wu``, ``Wc`` have entries :math:`N(0, 1/n_{in})`; the recurrent weights ``vu``, ``vc``
    are ``scale`` times fixed draws from :math:`U(0.5, 1.5)` (``scale = 1``: weights near
    1); :math:`b_u` = ``gate_bias`` for every unit and :math:`b_c = 0`. The draws do not
    depend on ``gate_bias`` or ``scale``. Returns ``(gated, plain)``, two ``GatedRecurrent``.
    """
    rng = np.random.default_rng(0) if rng is None else rng
    Wu, Wc = rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(2, n, n_in))
    vu, vc = scale * rng.uniform(0.5, 1.5, size=(2, n))
    gated = GatedRecurrent(n_in, n, Wu=Wu, Wc=Wc, vu=vu, vc=vc, bu=np.full(n, float(gate_bias)),
                           bc=np.zeros(n))
    return gated, plain_tanh_rnn(Wc, vc, np.zeros(n))


def compare_reach(gate_bias, scale, T, n_in=4, n=8, batch=16, seed=0):
    """``(gated, plain)``: ``gradient_reach`` of the two layers of ``flow_cells``, each ``(T + 1,)``.

    The layers are drawn from ``seed``, the inputs ``x: (T, batch, n_in)`` standard normal
    from ``seed + 1``: a shorter ``T`` gives the first steps of a longer sequence.
    """
    gated, plain = flow_cells(gate_bias, scale, n_in, n, np.random.default_rng(seed))
    x = np.random.default_rng(seed + 1).standard_normal((T, batch, n_in))
    return gradient_reach(gated, x), gradient_reach(plain, x)
