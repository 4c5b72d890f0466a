"""Chapter 4: wrong answers a learner writes, and the words each verdict must say."""
EX1 = """
z1 = W0 @ x + B1
a1 = 1 / (1 + np.exp(-z1))
z2 = W1 @ a1 + B2
a2 = 1 / (1 + np.exp(-z2))
return {}
"""
RIGHT1 = "np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a1[1] * (1 - a1[1]) * x[1]"
EX2 = """
_, G, A_tilde = gated_step(X_t, A_prev, p)
Zc = X_t @ p["Wc"].T + A_prev * p["vc"] + p["bc"]
Zu = X_t @ p["Wu"].T + A_prev * p["vu"] + p["bu"]
Zc_bar = {zc}
Zu_bar = {zu}
return {{"Wc": {Wc}, "vc": {vc}, "bc": {bc}, "Wu": {Wu}, "vu": {vu}, "bu": {bu}}}
"""
RIGHT2 = dict(zc="A_bar * G * (1 - A_tilde ** 2)", zu="A_bar * (A_tilde - A_prev) * G * (1 - G)",
              Wc="Zc_bar.T @ X_t", vc="np.sum(Zc_bar * A_prev, axis=0)", bc="Zc_bar.sum(axis=0)",
              Wu="Zu_bar.T @ X_t", vu="np.sum(Zu_bar * A_prev, axis=0)", bu="Zu_bar.sum(axis=0)")
EX3 = """
_, G, A_tilde = gated_step(X_t, A_prev, p)
Zc_bar = {zc}
Zu_bar = {zu}
return {ret}
"""
RIGHT3 = dict(zc="A_bar * G * (1 - A_tilde ** 2)", zu="A_bar * (A_tilde - A_prev) * G * (1 - G)",
              ret='A_bar * (1 - G) + Zc_bar * p["vc"] + Zu_bar * p["vu"]')
EX4 = """
T = len(X)
steps, A_prev = [], {h0}
for t in range(T):
    A_t, G, A_tilde = gated_step(X[t], A_prev, p)
    steps.append((A_prev, G, A_tilde))
    A_prev = A_t
grads = {{name: np.zeros_like(value) for name, value in p.items()}}
X_bar, carried = np.zeros_like(X), np.zeros_like(H0)
for t in {loop}:
    A_prev, G, A_tilde = steps[t]
    A_bar = {a_bar}
    Zc_bar = A_bar * G * (1 - A_tilde ** 2)
    Zu_bar = A_bar * (A_tilde - A_prev) * G * (1 - G)
    X_bar[t] = Zc_bar @ p["Wc"] + Zu_bar @ p["Wu"]
    carried {carry_op} {carried}
    {share_c} = {share_c_value}
    {share_u} = {share_u_value}
    if {when}:
        grads["Wc"] {op} Sc.T @ X[t]
        grads["vc"] {op} np.sum(Sc * A_prev, axis=0)
        grads["bc"] {op} Sc.sum(axis=0)
        grads["Wu"] {op} Su.T @ X[t]
        grads["vu"] {op} np.sum(Su * A_prev, axis=0)
        grads["bu"] {op} Su.sum(axis=0)
return {ret}
"""
RIGHT4 = dict(h0="H0", loop="reversed(range(T))", a_bar="D[t] + carried", carry_op="=",
              carried='A_bar * (1 - G) + Zc_bar * p["vc"] + Zu_bar * p["vu"]',
              share_c="Sc", share_c_value="Zc_bar", share_u="Su", share_u_value="Zu_bar", when="True", op="+=",
              ret='{**grads, "X_bar": X_bar, "H0_bar": carried}')
EX5 = """
_, R, G, A_tilde = reset_step(X_t, A_prev, p)
Zc_bar = A_bar * G * (1 - A_tilde ** 2)
Zu_bar = A_bar * (A_tilde - A_prev) * G * (1 - G)
R_bar = {r_bar}
Zr_bar = {zr_bar}
A_prev_bar = {a_prev_bar}
return {{"A_prev_bar": A_prev_bar, "Wr": {Wr}, "vr": {vr}, "br": Zr_bar.sum(axis=0)}}
"""
RIGHT5 = dict(r_bar='Zc_bar * A_prev * p["vc"]', zr_bar="R_bar * R * (1 - R)",
              a_prev_bar='A_bar * (1 - G) + Zc_bar * R * p["vc"] + Zu_bar * p["vu"] + Zr_bar * p["vr"]',
              Wr="Zr_bar.T @ X_t", vr="np.sum(Zr_bar * A_prev, axis=0)")


def ex1(return_value):
    return EX1.format(return_value)


def ex2(**changed):
    return EX2.format(**{**RIGHT2, **changed})


def ex3(**changed):
    return EX3.format(**{**RIGHT3, **changed})


def ex4(**changed):
    return EX4.format(**{**RIGHT4, **changed})


def ex5(**changed):
    return EX5.format(**{**RIGHT5, **changed})


MISTAKES = [
    # Exercise 1: grad_W0_11, dC/dW^0_{11} in the note's 2-2-2 sigmoid network, two paths.
    (1, "output 0 only", ex1("2 * (a2[0] - y[0]) * a2[0] * (1 - a2[0]) * W1[0, 1] * a1[1] * (1 - a1[1]) * x[1]"),
     "only the path through output 0"),
    (1, "output 1 only", ex1("2 * (a2[1] - y[1]) * a2[1] * (1 - a2[1]) * W1[1, 1] * a1[1] * (1 - a1[1]) * x[1]"),
     "only the path through output 1"),
    (1, "sigma' at the activations", ex1("np.sum(2 * (a2 - y) * Sigmoid.df(a2) * W1[:, 1]) * Sigmoid.df(a1[1]) * x[1]"),
     "σ' taken at the activations a"),
    (1, "output sigma' at the hidden unit",
     ex1("np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a2[1] * (1 - a2[1]) * x[1]"),
     "σ' of the output layer"),
    (1, "hidden unit 0's sigma'", ex1("np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a1[0] * (1 - a1[0]) * x[1]"),
     "σ'(z^1_0) at the hidden unit"),
    (1, "row of W1", ex1("np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[1, :]) * a1[1] * (1 - a1[1]) * x[1]"),
     "the weights W^1_{1j} (row 1 of W1)"),
    (1, "W1 transposed", """
        z1 = W0 @ x + B1
        a1 = 1 / (1 + np.exp(-z1))
        z2 = W1 @ a1 + B2
        a2 = 1 / (1 + np.exp(-z2))
        dC_da1 = W1 @ (2 * (a2 - y) * a2 * (1 - a2))
        return dC_da1[1] * a1[1] * (1 - a1[1]) * x[1]""", "the weights W^1_{1j} (row 1 of W1)"),
    (1, "no x_1", ex1("np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a1[1] * (1 - a1[1])"),
     "the factor a^0_1 = x_1 missing"),
    (1, "x_0 for x_1", ex1("np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a1[1] * (1 - a1[1]) * x[0]"),
     "x_0 in place of x_1"),
    (1, "the weight for the input",
     ex1("np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a1[1] * (1 - a1[1]) * W0[1, 1]"),
     "the weight W^0_{11} in place of x_1"),
    (1, "a1 for x", ex1("np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a1[1] * (1 - a1[1]) * a1[1]"),
     "a^1_1 in place of x_1"),
    (1, "no 2", ex1("np.sum((a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a1[1] * (1 - a1[1]) * x[1]"),
     "the 2 of the square missing"),
    (1, "y - a", ex1("np.sum(2 * (y - a2) * a2 * (1 - a2) * W1[:, 1]) * a1[1] * (1 - a1[1]) * x[1]"), "sign flipped"),
    (1, "no hidden sigma'", ex1("np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * x[1]"),
     "σ' of the hidden unit missing"),
    (1, "no output sigma'", ex1("np.sum(2 * (a2 - y) * W1[:, 1]) * a1[1] * (1 - a1[1]) * x[1]"),
     "σ' of the outputs missing"),
    (1, "no biases", """
        a1 = 1 / (1 + np.exp(-(W0 @ x)))
        a2 = 1 / (1 + np.exp(-(W1 @ a1)))
        return np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a1[1] * (1 - a1[1]) * x[1]""",
     "the biases B^1, B^2 left out"),
    (1, "the whole matrix", """
        z1, a1, z2, a2 = sigmoid_net(x, W0, B1, W1, B2)
        dC_dz1 = (W1.T @ (2 * (a2 - y) * a2 * (1 - a2))) * a1 * (1 - a1)
        return np.outer(dC_dz1, x)""", "wrong shape"),
    (1, "no return", """
        z1, a1, z2, a2 = sigmoid_net(x, W0, B1, W1, B2)
        grad = np.sum(2 * (a2 - y) * a2 * (1 - a2) * W1[:, 1]) * a1[1] * (1 - a1[1]) * x[1]""",
     "forget to `return`"),

    # Exercise 2: step_param_grads, the chapter's step shares (gated-step-grads).
    (2, "tanh' at the candidate", ex2(zc="A_bar * G * (1 - np.tanh(A_tilde) ** 2)"), "tanh' taken at the candidate"),
    (2, "tanh' as 1 - Zc^2", ex2(zc="A_bar * G * (1 - Zc ** 2)"), "tanh' written 1 - (Z^c_t)²"),
    (2, "tanh' at the gate's field", ex2(zc="A_bar * G * (1 - np.tanh(Zu) ** 2)"),
     "tanh' taken at the gate's field"),
    (2, "no tanh'", ex2(zc="A_bar * G"), "tanh' missing from the candidate's path"),
    (2, "no G in the candidate's path", ex2(zc="A_bar * (1 - A_tilde ** 2)"),
     "the factor G_t missing from the candidate's path"),
    (2, "1 - G in the candidate's path", ex2(zc="A_bar * (1 - G) * (1 - A_tilde ** 2)"),
     "1 - G_t in place of G_t in the candidate's path"),
    (2, "no sigma'", ex2(zu="A_bar * (A_tilde - A_prev)"), "σ' missing from the gate's path"),
    (2, "sigma' at G", ex2(zu="A_bar * (A_tilde - A_prev) * Sigmoid.df(G)"), "σ' taken at the gate G_t"),
    (2, "A_tilde for the gate's factor", ex2(zu="A_bar * A_tilde * G * (1 - G)"),
     "Ã_t in place of Ã_t - A_{t-1}"),
    (2, "1 - G for the gate's factor", ex2(zu="A_bar * (1 - G) * G * (1 - G)"),
     "1 - G_t in place of Ã_t - A_{t-1}"),
    (2, "gate's sign", ex2(zu="A_bar * (A_prev - A_tilde) * G * (1 - G)"), "the sign of the gate's path"),
    (2, "no A_prev in v", ex2(vc="Zc_bar.sum(axis=0)", vu="Zu_bar.sum(axis=0)"),
     "A_{t-1} missing from the shares of v"),
    (2, "v as matrices", ex2(vc="Zc_bar.T @ A_prev", vu="Zu_bar.T @ A_prev"), "the shares of v as matrices"),
    (2, "v over the units", ex2(vc="np.sum(Zc_bar * A_prev, axis=1)", vu="np.sum(Zu_bar * A_prev, axis=1)"),
     "the shares of v summed over the units"),
    (2, "v not summed", ex2(vc="Zc_bar * A_prev", vu="Zu_bar * A_prev"), "the shares of v not summed over the batch"),
    (2, "W transposed", ex2(Wc="X_t.T @ Zc_bar", Wu="X_t.T @ Zu_bar"), "the shares of W transposed"),
    (2, "A_prev in W", ex2(Wc="Zc_bar.T @ A_prev", Wu="Zu_bar.T @ A_prev"), "A_{t-1} in place of X_t"),
    (2, "b over the units", ex2(bc="Zc_bar.sum(axis=1)", bu="Zu_bar.sum(axis=1)"),
     "the shares of b summed over the units"),
    (2, "means", ex2(Wc="Zc_bar.T @ X_t / len(X_t)", vc="np.mean(Zc_bar * A_prev, axis=0)", bc="Zc_bar.mean(axis=0)",
                     Wu="Zu_bar.T @ X_t / len(X_t)", vu="np.mean(Zu_bar * A_prev, axis=0)", bu="Zu_bar.mean(axis=0)"),
     "means over the batch instead of sums"),
    (2, "gate and candidate swapped", ex2(Wc="Zu_bar.T @ X_t", vc="np.sum(Zu_bar * A_prev, axis=0)",
                                          bc="Zu_bar.sum(axis=0)", Wu="Zc_bar.T @ X_t",
                                          vu="np.sum(Zc_bar * A_prev, axis=0)", bu="Zc_bar.sum(axis=0)"),
     "wrong order"),
    (2, "a key missing", """
        _, G, A_tilde = gated_step(X_t, A_prev, p)
        Zc_bar = A_bar * G * (1 - A_tilde ** 2)
        Zu_bar = A_bar * (A_tilde - A_prev) * G * (1 - G)
        return {"Wc": Zc_bar.T @ X_t, "vc": np.sum(Zc_bar * A_prev, axis=0), "Wu": Zu_bar.T @ X_t,
                "vu": np.sum(Zu_bar * A_prev, axis=0)}""", "missing ['bc', 'bu']"),

    # Exercise 3: carried_adjoint, the three paths from A_{t-1} through step t.
    (3, "Moraes (21)'s bracket", ex3(ret='A_bar * ((1 - G) + G * (1 - A_tilde ** 2) * p["vc"]) '
                                         '+ (A_tilde - A_prev) * G * (1 - G) * p["vu"]'), "Moraes (21) as printed"),
    (3, "direct path only", ex3(ret="A_bar * (1 - G)"), "only the direct path"),
    (3, "no direct path", ex3(ret='Zc_bar * p["vc"] + Zu_bar * p["vu"]'), "the direct path Ā_t ⊙ (1 - G_t) missing"),
    (3, "no candidate's path", ex3(ret='A_bar * (1 - G) + Zu_bar * p["vu"]'),
     "the candidate's path (through v_c) missing"),
    (3, "no gate's path", ex3(ret='A_bar * (1 - G) + Zc_bar * p["vc"]'), "the gate's path (through v_u) missing"),
    (3, "G on the direct path", ex3(ret='A_bar * G + Zc_bar * p["vc"] + Zu_bar * p["vu"]'),
     "G_t in place of 1 - G_t on the direct path"),
    (3, "A_bar alone on the direct path", ex3(ret='A_bar + Zc_bar * p["vc"] + Zu_bar * p["vu"]'),
     "Ā_t alone on the direct path"),
    (3, "matrix product with v", ex3(ret='A_bar * (1 - G) + (Zc_bar @ p["vc"])[:, None] + (Zu_bar @ p["vu"])[:, None]'),
     "a matrix product with v"),
    (3, "outer product of v", ex3(ret='A_bar * (1 - G) + Zc_bar @ np.outer(p["vc"], np.ones(len(p["vc"]))) '
                                      '+ Zu_bar @ np.outer(p["vu"], np.ones(len(p["vu"])))'),
     "a matrix product with v"),
    (3, "Z_bar @ v broadcast", ex3(ret='A_bar * (1 - G) + Zc_bar @ p["vc"] + Zu_bar @ p["vu"]'),
     "could not be broadcast"),
    (3, "gate's sign", ex3(zu="A_bar * (A_prev - A_tilde) * G * (1 - G)"), "the sign of the gate's path"),
    (3, "v swapped", ex3(ret='A_bar * (1 - G) + Zc_bar * p["vu"] + Zu_bar * p["vc"]'), "v_c and v_u swapped"),
    (3, "no sigma'", ex3(zu="A_bar * (A_tilde - A_prev)"), "σ' missing from the gate's path"),
    (3, "no tanh'", ex3(zc="A_bar * G"), "tanh' missing from the candidate's path"),
    (3, "no G in the candidate's path", ex3(zc="A_bar * (1 - A_tilde ** 2)"), "G_t missing from the candidate's path"),
    (3, "tanh' at the candidate", ex3(zc="A_bar * G * (1 - np.tanh(A_tilde) ** 2)"), "tanh' taken at the candidate"),
    (3, "sign flipped", ex3(ret='-(A_bar * (1 - G) + Zc_bar * p["vc"] + Zu_bar * p["vu"])'), "sign flipped"),
    (3, "W in place of v", ex3(ret='A_bar * (1 - G) + Zc_bar @ p["Wc"] + Zu_bar @ p["Wu"]'), "could not be broadcast"),

    # Exercise 4: bptt, the planted bug (each step's share assigned, not added) fixed.
    (4, "bug kept", ex4(op="="), "the planted bug kept"),
    (4, "last step only", ex4(when="t == T - 1"), "only the last step's share"),
    (4, "mean over time", ex4(ret='{**{k: g / T for k, g in grads.items()}, "X_bar": X_bar, "H0_bar": carried}'),
     "a mean over time"),
    (4, "no carried adjoint", ex4(a_bar="D[t]"), "the carried adjoint not added to the direct one"),
    (4, "direct adjoint at the last step only", ex4(a_bar="(D[t] if t == T - 1 else 0) + carried"),
     "the direct adjoint D_t added at the last step only"),
    (4, "shares from the direct adjoint", ex4(share_c_value="D[t] * G * (1 - A_tilde ** 2)",
                                              share_u_value="D[t] * (A_tilde - A_prev) * G * (1 - G)"),
     "the shares computed from the direct adjoint D_t alone"),
    (4, "carried accumulated", ex4(carry_op="+="), "the carried adjoint accumulated"),
    (4, "Moraes (21)'s bracket", ex4(carried='A_bar * ((1 - G) + G * (1 - A_tilde ** 2) * p["vc"]) '
                                             '+ (A_tilde - A_prev) * G * (1 - G) * p["vu"]'),
     "Moraes (21)'s bracket"),
    (4, "one step early", ex4(loop="range(T - 1, 0, -1)"), "the loop stops one step early"),
    (4, "H0_bar is A_bar", ex4(ret='{**grads, "X_bar": X_bar, "H0_bar": A_bar}'),
     "H0_bar taken as step 1's total adjoint"),
    (4, "H0_bar zero", ex4(ret='{**grads, "X_bar": X_bar, "H0_bar": np.zeros_like(H0)}'), "H0_bar left at zero"),
    (4, "X_bar summed over time", ex4(ret='{**grads, "X_bar": X_bar.sum(axis=0), "H0_bar": carried}'),
     "X_bar summed over time"),
    (4, "H0 ignored", ex4(h0="np.zeros_like(H0)"), "the initial state H0 ignored"),
    (4, "H0_bar missing", ex4(ret='{**grads, "X_bar": X_bar}'), "missing ['H0_bar']"),
    (4, "a tuple", ex4(ret="grads, X_bar, carried"), "return 8 values"),

    # Exercise 5: reset_step_backward, four paths back to A_{t-1} and the reset gate's shares.
    (5, "no reset path", ex5(a_prev_bar='A_bar * (1 - G) + Zc_bar * R * p["vc"] + Zu_bar * p["vu"]'),
     "the path through R_t missing"),
    (5, "the old carried adjoint", ex5(a_prev_bar='A_bar * (1 - G) + Zc_bar * p["vc"] + Zu_bar * p["vu"]'),
     "the old carried adjoint"),
    (5, "no R in the candidate's path",
     ex5(a_prev_bar='A_bar * (1 - G) + Zc_bar * p["vc"] + Zu_bar * p["vu"] + Zr_bar * p["vr"]'),
     "R_t missing from the candidate's path (the old"),
    (5, "only the reset term of the product rule",
     ex5(a_prev_bar='A_bar * (1 - G) + Zu_bar * p["vu"] + Zr_bar * p["vr"]'), "the product rule's other term"),
    (5, "no sigma' of R", ex5(zr_bar="R_bar"), "σ' of the reset gate missing"),
    (5, "sigma' at R", ex5(zr_bar="R_bar * Sigmoid.df(R)"), "σ' of the reset gate taken at R_t"),
    (5, "no v_c in the reset path", ex5(r_bar="Zc_bar * A_prev"), "v_c missing from the reset path"),
    (5, "no A_prev in the reset path", ex5(r_bar='Zc_bar * p["vc"]'), "A_{t-1} missing from the reset path"),
    (5, "R for A_prev in the reset path", ex5(r_bar='Zc_bar * R * p["vc"]'),
     "R_t in place of A_{t-1} in the reset path"),
    (5, "through the gate's field", ex5(r_bar='Zu_bar * A_prev * p["vu"]'), "through the gate's field"),
    (5, "v_c for v_r", ex5(a_prev_bar='A_bar * (1 - G) + Zc_bar * R * p["vc"] + Zu_bar * p["vu"] + Zr_bar * p["vc"]'),
     "v_c in place of v_r"),
    (5, "shares from Z^c", ex5(Wr="Zc_bar.T @ X_t", vr="np.sum(Zc_bar * A_prev, axis=0)").replace(
        '"br": Zr_bar.sum(axis=0)', '"br": Zc_bar.sum(axis=0)'), "the reset gate's shares from Z̄^c"),
    (5, "no A_prev in vr", ex5(vr="Zr_bar.sum(axis=0)"), "A_{t-1} missing from the share of v_r"),
    (5, "Wr transposed", ex5(Wr="X_t.T @ Zr_bar"), "the share of W_r transposed"),
    (5, "sign flipped",
     ex5(a_prev_bar='-(A_bar * (1 - G) + Zc_bar * R * p["vc"] + Zu_bar * p["vu"] + Zr_bar * p["vr"])'), "sign flipped"),
]
