r"""The gated recurrent layer of Chapter 4 (Moraes's gated recurrent neuron), time-major.

One layer of ``n`` units reads a sequence ``x: (T, B, n_in)`` and returns its states
``A: (T, B, n)``, :math:`A_1, \dots, A_T`, from :math:`A_0 = H_0` (Chapter 4, eq. (4.7), the gated step):

.. math::
   Z^u_t = X_t W_u^T + A_{t-1} \odot v_u + \mathbf 1 b_u^T, \qquad
   Z^c_t = X_t W_c^T + A_{t-1} \odot v_c + \mathbf 1 b_c^T,

   G_t = \sigma(Z^u_t), \qquad \tilde A_t = \tanh(Z^c_t), \qquad
   A_t = G_t \odot \tilde A_t + (1 - G_t) \odot A_{t-1}.

``vu`` and ``vc`` hold one recurrent weight per unit: unit ``i`` at step ``t`` sees only
unit ``i`` at step ``t - 1``, so units never mix through time and every Jacobian
:math:`\partial A_t / \partial A_{t-1}` is diagonal.

``step_forward`` and ``step_backward`` are one step on its own (as cs231n splits
``rnn_step_backward`` from ``rnn_backward``); ``forward`` and ``backward`` loop over them.
"""
import numpy as np

from ._validate import check_float_array
from .activations import Sigmoid
from .layer import Layer


class GatedRecurrent(Layer):
    r"""A layer of ``n`` gated recurrent units (Chapter 4, eq. (4.7), the gated step).

    Shapes: ``x: (T, B, n_in)``, ``h0: (B, n)``, output ``A: (T, B, n)``; parameters
    ``Wu, Wc: (n, n_in)`` (``W[i, j]`` from input unit ``j`` to unit ``i``, as in ``Linear``),
    ``vu, vc: (n,)`` (one recurrent weight per unit) and ``bu, bc: (n,)``.
    Moraes's names: WXu = ``Wu``, WXc = ``Wc``, WTu = ``vu``, WTc = ``vc``, Bu = ``bu``, Bc = ``bc``.

    Each weight not given is drawn from ``rng`` like ``Linear``'s, normal with standard
    deviation one over the square root of the fan-in: ``1/sqrt(n_in)`` for ``Wu`` and ``Wc``,
    1 for ``vu`` and ``vc`` (a unit's recurrent input is the unit itself); biases start at 0.
    The layer keeps its own copy of every array given.

    ``truncate``: ``None`` for full backpropagation through time, or an integer ``k >= 1``
    for truncated BPTT (see ``backward``).

    ``sum_grad_squared`` squares ``per_example_grads`` (the base class's route): ``Linear``'s
    one-matmul shortcut is not exact here. The weights are shared over time, so an example's
    gradient is a *sum* of T outer products, :math:`\bar W_u[b] = \sum_t \bar z^u_{tb} x_{tb}^T`,
    and :math:`(\sum_t \bar z^u_{tb} x_{tb}^T)^{\circ 2} \ne \sum_t (\bar z^u_{tb})^{\circ 2} (x_{tb}^{\circ 2})^T`:
    the shortcut drops every cross term between two steps, so it is exact only for T = 1
    (relative error about 0.2 to 0.5 on random sequences of 8 steps, ``tests/core/test_recurrent.py``).
    """

    def __init__(self, n_in, n, rng=None, *, Wu=None, Wc=None, vu=None, vc=None, bu=None, bc=None,
                 truncate=None):
        super().__init__()
        self.n_in, self.n = n_in, n
        is_int = isinstance(truncate, (int, np.integer)) and not isinstance(truncate, bool)
        if truncate is not None and not (is_int and truncate >= 1):
            raise ValueError(f"{self}: truncate must be None or an integer >= 1, got {truncate!r}")
        self.truncate = truncate
        rng = np.random.default_rng(0) if rng is None else rng
        given = {"Wu": (Wu, (n, n_in), 1.0 / np.sqrt(n_in)), "Wc": (Wc, (n, n_in), 1.0 / np.sqrt(n_in)),
                 "vu": (vu, (n,), 1.0), "vc": (vc, (n,), 1.0), "bu": (bu, (n,), 0.0), "bc": (bc, (n,), 0.0)}
        for name, (value, shape, std) in given.items():
            if value is None:
                value = rng.normal(0.0, std, size=shape) if std else np.zeros(shape)
            # np.array copies: the layer owns its parameters, so SGD never edits the caller's arrays.
            self.params[name] = check_float_array(f"{self}", name, np.array(value), shape)
        self.zero_grad()
        self.dh0 = None

    @staticmethod
    def step_forward(x_t, a_prev, params):
        r"""One step: ``x_t: (B, n_in)``, ``a_prev: (B, n)`` -> ``(a_t, cache)``; Chapter 4, eq. (4.7), the gated step.

        ``a_t: (B, n)``; ``cache`` holds ``x`` (:math:`X_t`), ``a_prev`` (:math:`A_{t-1}`),
        ``g`` (:math:`G_t`) and ``a_tilde`` (:math:`\tilde A_t`), all ``step_backward`` needs.
        No checks: ``forward`` checks the whole sequence once.
        """
        zu = x_t @ params["Wu"].T + a_prev * params["vu"] + params["bu"]  # Zu_t = X_t Wu^T + A_{t-1} ⊙ vu + bu
        zc = x_t @ params["Wc"].T + a_prev * params["vc"] + params["bc"]  # Zc_t = X_t Wc^T + A_{t-1} ⊙ vc + bc
        g = Sigmoid.f(zu)                       # G_t = σ(Zu_t)
        a_tilde = np.tanh(zc)                   # Ã_t = tanh(Zc_t)
        a_t = g * a_tilde + (1.0 - g) * a_prev  # A_t = G_t ⊙ Ã_t + (1 - G_t) ⊙ A_{t-1}
        return a_t, {"x": x_t, "a_prev": a_prev, "g": g, "a_tilde": a_tilde}

    @staticmethod
    def _gate_adjoints(da, cache):
        r"""The adjoints of the pre-activations, :math:`(\bar Z^u_t, \bar Z^c_t)`, from that of :math:`A_t`.

        Elementwise, so it serves one step (``(B, n)``) and a stacked sequence (``(T, B, n)``) alike.
        """
        a_prev, g, a_tilde = cache["a_prev"], cache["g"], cache["a_tilde"]
        # σ'(Zu_t) = G_t ⊙ (1 - G_t) and tanh'(Zc_t) = 1 - Ã_t², from the cached outputs.
        dzu = da * (a_tilde - a_prev) * g * (1.0 - g)  # Z̄u_t = Ā_t ⊙ (Ã_t - A_{t-1}) ⊙ σ'(Zu_t)
        dzc = da * g * (1.0 - a_tilde ** 2)           # Z̄c_t = Ā_t ⊙ G_t ⊙ tanh'(Zc_t)
        return dzu, dzc

    @staticmethod
    def step_backward(da_t, cache, params):
        r"""One step's local backward (Chapter 4, eq. (4.8), the gated backward).

        ``da_t: (B, n)`` is the total adjoint :math:`\bar A_t` of the step's output; ``cache``
        comes from ``step_forward``. Returns ``(dx_t, da_prev, grads_t)``: :math:`\bar X_t`
        ``(B, n_in)``, the adjoint carried to :math:`A_{t-1}` ``(B, n)`` (Chapter 4,
        eq. (4.10), the carried adjoint) and this step's parameter gradients, summed over the batch:

        .. math::
           \bar A_{t-1} = \bar A_t \odot \big[(1 - G_t) + G_t \odot \tanh'(Z^c_t) \odot v_c
           + (\tilde A_t - A_{t-1}) \odot \sigma'(Z^u_t) \odot v_u\big].
        """
        x_t, a_prev, g = cache["x"], cache["a_prev"], cache["g"]
        dzu, dzc = GatedRecurrent._gate_adjoints(da_t, cache)
        grads_t = {"Wu": dzu.T @ x_t,                         # W̄u = (Z̄u_t)^T X_t
                   "Wc": dzc.T @ x_t,                         # W̄c = (Z̄c_t)^T X_t
                   "vu": np.sum(dzu * a_prev, axis=0),        # v̄u = 1^T (Z̄u_t ⊙ A_{t-1})
                   "vc": np.sum(dzc * a_prev, axis=0),        # v̄c = 1^T (Z̄c_t ⊙ A_{t-1})
                   "bu": np.sum(dzu, axis=0),                 # b̄u = (Z̄u_t)^T 1
                   "bc": np.sum(dzc, axis=0)}                 # b̄c = (Z̄c_t)^T 1
        dx_t = dzu @ params["Wu"] + dzc @ params["Wc"]        # X̄_t = Z̄u_t Wu + Z̄c_t Wc
        # Ā_{t-1} = Ā_t ⊙ (1 - G_t) + Z̄u_t ⊙ vu + Z̄c_t ⊙ vc: the carried adjoint, factored as above.
        da_prev = da_t * (1.0 - g) + dzu * params["vu"] + dzc * params["vc"]
        return dx_t, da_prev, grads_t

    def forward(self, x, h0=None):
        """``x: (T, B, n_in)``, ``h0: (B, n)`` (zeros if ``None``) -> ``A: (T, B, n)``, the states A_1..A_T.

        Caches ``x``, ``h0``, ``y`` (= ``A``) and ``steps``, the T caches of ``step_forward``.
        """
        x = check_float_array(f"{self}.forward", "x", x, ("T", "B", self.n_in))
        T, B, _ = x.shape
        if h0 is None:
            h0 = np.zeros((B, self.n))
        h0 = check_float_array(f"{self}.forward", "h0", h0, (B, self.n))
        A, steps, a = np.empty((T, B, self.n)), [], h0
        for t in range(T):
            a, step = self.step_forward(x[t], a, self.params)
            A[t] = a
            steps.append(step)
        self.cache = {"x": x, "h0": h0, "y": A, "steps": steps}
        return A

    def backward(self, dA):
        r"""Backpropagation through time: ``dA: (T, B, n)`` -> ``dX: (T, B, n_in)``.

        ``dA[t]`` is the *direct* adjoint :math:`\partial C / \partial A_t` of the cost terms
        that read :math:`A_t` (zeros at a step without loss); it is cached as the contract's ``dy``.
        Sets ``grads`` (each parameter's step gradients summed over time, Chapter 4, eq. (4.11),
        the BPTT sum) and ``dh0: (B, n)``, the adjoint of the initial state :math:`A_0`.

        ``truncate=None``, from :math:`t = T` down to 1: the total adjoint of :math:`A_t` is
        the direct one plus the one carried from step :math:`t + 1` (Chapter 4, eq. (4.10), the
        carried adjoint), :math:`\bar A_t = \partial C / \partial A_t + \bar A_t^{\text{carried}}`.

        ``truncate=k``: the sum over the loss steps :math:`s` of the gradient of
        :math:`C_s = \langle dA_s, A_s \rangle` computed with the state :math:`A_{s-k}` held
        constant (detached): the adjoint of :math:`A_s` flows back through steps
        :math:`s, s-1, \dots, \max(s-k+1, 1)` only. So :math:`\bar X_t` and step ``t``'s parameter
        gradients collect the direct adjoints of steps ``t .. t+k-1``, and ``dh0`` those of steps
        ``1 .. k`` (the windows that reach step 1, whose input :math:`A_0` is never detached).
        ``k = 1`` drops every carried adjoint between steps; ``k >= T`` is full BPTT, up to
        round-off (the same terms summed in another order). Cost: T k steps instead of T.
        """
        dA = self._check_dy(dA)
        if self.truncate is None:
            dX, self.dh0, da_total = self._full_bptt(dA)
        else:
            dX, self.dh0, da_total = self._truncated_bptt(dA, self.truncate)
        self.cache["da_total"] = da_total
        return dX

    def _full_bptt(self, dA):
        """One pass from the last step to the first; returns ``(dX, dh0, da_total)``.

        ``da_total[t]`` is the total adjoint of A_t, the input of step t's local backward.
        """
        steps = self.cache["steps"]
        dX, da_total = np.empty_like(self.cache["x"]), np.empty_like(dA)
        self.zero_grad()
        carried = np.zeros_like(dA[0])  # nothing is carried into the last step
        for t in reversed(range(len(steps))):
            da_total[t] = dA[t] + carried  # Ā_t = ∂C/∂A_t (direct) + the adjoint carried from step t+1
            dX[t], carried, grads_t = self.step_backward(da_total[t], steps[t], self.params)
            self._add_to_grads(grads_t)     # θ̄ = Σ_t θ̄_t, the BPTT sum
        return dX, carried, da_total        # what step 1 carries back is the adjoint of A_0 = h0

    def _truncated_bptt(self, dA, k):
        """For each loss step s, carry its direct adjoint back through at most k steps.

        Returns ``(dX, dh0, da_total)`` as ``_full_bptt``; ``da_total[t]`` sums, over the windows
        that contain step t, the adjoint entering step t (every quantity is linear in it).
        """
        steps = self.cache["steps"]
        dX, da_total, dh0 = np.zeros_like(self.cache["x"]), np.zeros_like(dA), np.zeros_like(dA[0])
        self.zero_grad()
        for s in range(len(steps)):
            da = dA[s]                                       # the direct adjoint of A_s ...
            for t in range(s, max(s - k, -1), -1):           # ... through steps s, s-1, ..., s-k+1
                da_total[t] += da
                dx_t, da, grads_t = self.step_backward(da, steps[t], self.params)
                dX[t] += dx_t
                self._add_to_grads(grads_t)
            if s < k:                                        # the window reached step 1:
                dh0 += da                                    # da is the adjoint of A_0 = h0
        return dX, dh0, da_total

    def _add_to_grads(self, grads_t):
        for name, g in grads_t.items():
            self.grads[name] += g

    def per_example_grads(self):
        r"""``{name: (B, *shape)}``: each example's step gradients summed over time (after ``backward``).

        Exact: from the cached total adjoint of every step, example ``b`` gets
        :math:`\bar W_u[b] = \sum_t \bar z^u_{tb} x_{tb}^T`,
        :math:`\bar v_u[b] = \sum_t \bar z^u_{tb} \odot a_{t-1,b}`,
        :math:`\bar b_u[b] = \sum_t \bar z^u_{tb}`, and the same for ``Wc, vc, bc``. Summed over
        ``b`` it equals ``grads``. Holds for truncated BPTT too: a step's gradients are linear in
        the adjoint entering it.
        """
        self._per_example_cache()  # refuses before backward
        steps = {key: np.stack([step[key] for step in self.cache["steps"]])  # each (T, B, .)
                 for key in ("x", "a_prev", "g", "a_tilde")}
        dzu, dzc = self._gate_adjoints(self.cache["da_total"], steps)  # (T, B, n) each
        x, a_prev = steps["x"], steps["a_prev"]
        return {"Wu": np.einsum("tbi,tbj->bij", dzu, x), "Wc": np.einsum("tbi,tbj->bij", dzc, x),
                "vu": np.sum(dzu * a_prev, axis=0), "vc": np.sum(dzc * a_prev, axis=0),
                "bu": np.sum(dzu, axis=0), "bc": np.sum(dzc, axis=0)}

    def forward_tangent(self, x, x_dot):
        """Not implemented: Chapter 4 needs ``forward`` and ``backward`` only."""
        raise NotImplementedError(self._NO_TANGENTS.format(self))

    def backward_tangent(self, dy, dy_dot):
        """Not implemented: Chapter 4 needs ``forward`` and ``backward`` only."""
        raise NotImplementedError(self._NO_TANGENTS.format(self))

    _NO_TANGENTS = ("{}: the recurrent layer does not implement tangents (forward_tangent, "
                    "backward_tangent); use forward and backward")

    def __repr__(self):
        return f"GatedRecurrent({self.n_in}->{self.n})"
