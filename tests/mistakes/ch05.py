"""Chapter 5: wrong answers a learner writes, and the words each verdict must say."""
EX4 = """
Y_dot = df(X)[:, None, :] * X_dot
X_bar = {x_bar}
X_dot_bar = {x_dot_bar}
return {{"X_bar": X_bar, "X_dot_bar": X_dot_bar}}
"""
RIGHT4 = dict(x_bar="Y_bar * df(X) + d2f(X) * np.sum(Y_dot_bar * X_dot, axis=1)",
              x_dot_bar="Y_dot_bar * df(X)[:, None, :]")
EX5 = """
X_bar = {x_bar}
X_dot_bar = {x_dot_bar}
W_bar = {w_bar}
b_bar = {b_bar}
return {{"W_bar": W_bar, "b_bar": b_bar, "X_bar": X_bar, "X_dot_bar": X_dot_bar}}
"""
RIGHT5 = dict(x_bar="Y_bar @ W", x_dot_bar="Y_dot_bar @ W",
              w_bar='Y_bar.T @ X + np.einsum("bzi,bzj->ij", Y_dot_bar, X_dot)', b_bar="Y_bar.sum(axis=0)")


def ret(expression):
    return f"return {expression}"


def ex4(**changed):
    return EX4.format(**{**RIGHT4, **changed})


def ex5(**changed):
    return EX5.format(**{**RIGHT5, **changed})


def tangent5(term):
    """W_bar with the plain path right and the tangent path replaced by ``term``."""
    return ex5(w_bar=f"Y_bar.T @ X + {term}")


MISTAKES = [
    # Exercise 1: softsign_d2, σ''(x) = -2 sign(x) / (1 + |x|)³, with σ''(0) = 0.
    (1, "no sign(x)", ret("-2 / (1 + np.abs(x)) ** 3"), "the chain-rule factor d|x|/dx = sign(x) is missing"),
    (1, "sign lost", ret("2 / (1 + np.abs(x)) ** 3"), "the sign lost"),
    (1, "x < 0 branch everywhere", ret("2 / (1 - x) ** 3"), "x < 0 branch, 2/(1 - x)³, for every x"),
    (1, "x >= 0 branch everywhere", ret("-2 / (1 + x) ** 3"), "x ≥ 0 branch, -2/(1 + x)³, for every x"),
    (1, "power 2", ret("-2 * np.sign(x) / (1 + np.abs(x)) ** 2"), "the power 2 in place of 3"),
    (1, "no factor 2", ret("-np.sign(x) / (1 + np.abs(x)) ** 3"), "the factor 2 missing"),
    (1, "1 + x", ret("-2 * np.sign(x) / (1 + x) ** 3"), "1 + x in place of 1 + |x|"),
    (1, "sigma'", ret("1 / (1 + np.abs(x)) ** 2"), "σ' = 1/(1 + |x|)² returned"),
    (1, "sigma", ret("x / (1 + np.abs(x))"), "σ itself"),
    (1, "Vijay's branches, x >= 0 at 0", ret("np.where(x >= 0, -2 / (1 + x) ** 3, 2 / (1 - x) ** 3)"),
     "σ''(0) = -2"),
    (1, "branches, x < 0 at 0", ret("np.where(x > 0, -2 / (1 + x) ** 3, 2 / (1 - x) ** 3)"), "σ''(0) = 2,"),
    (1, "x/|x| for sign(x)", ret("-2 * (x / np.abs(x)) / (1 + np.abs(x)) ** 3"), "NaN at x = 0"),
    (1, "x for sign(x)", ret("-2 * x / (1 + np.abs(x)) ** 3"), "x in place of sign(x)"),
    (1, "logistic sigmoid", """
        s = 1 / (1 + np.exp(-x))
        return s * (1 - s) * (1 - 2 * s)""", "the logistic sigmoid"),
    (1, "sign flipped", ret("2 * np.sign(x) / (1 + np.abs(x)) ** 3"), "sign flipped"),
    (1, "forgot return", "d2 = -2 * np.sign(x) / (1 + np.abs(x)) ** 3", "forget to `return`"),

    # Exercise 2: sum_sq_grad_W, the squared-gradient shortcut (Z̄²)ᵀ (A²).
    (2, "square of the batch gradient", ret("(Z_bar.T @ A_prev) ** 2"), "the square of the batch gradient, (Z̄ᵀ A)²:"),
    (2, "squares after a loop's sum", """
        G = np.zeros((Z_bar.shape[1], A_prev.shape[1]))
        for b in range(len(A_prev)):
            G += np.outer(Z_bar[b], A_prev[b])
        return G ** 2""", "the square of the batch gradient, (Z̄ᵀ A)²:"),
    (2, "not squared", ret("Z_bar.T @ A_prev"), "the batch gradient Z̄ᵀ A, not squared"),
    (2, "A not squared", ret("(Z_bar ** 2).T @ A_prev"), "A not squared"),
    (2, "Z_bar not squared", ret("Z_bar.T @ A_prev ** 2"), "Z̄ not squared"),
    (2, "transposed", ret("(A_prev ** 2).T @ Z_bar ** 2"), "transposed"),
    (2, "mean over b", ret("(Z_bar ** 2).T @ (A_prev ** 2) / len(A_prev)"), "a mean over the examples"),
    (2, "squared batch gradient / B", ret("(Z_bar.T @ A_prev) ** 2 / len(A_prev)"),
     "the square of the batch gradient divided by B"),
    (2, "mean-reduction adjoint", """
        Z_mean = Z_bar / len(Z_bar)
        return (Z_mean ** 2).T @ (A_prev ** 2)""", "Z̄ divided by B, as for a mean-reduction cost"),
    (2, "B² correction", ret("len(A_prev) ** 2 * (Z_bar ** 2).T @ (A_prev ** 2)"),
     "the B² correction of a mean-reduction cost"),
    (2, "square root", ret("np.sqrt((Z_bar ** 2).T @ (A_prev ** 2))"), "the square root of the sum of squares"),
    (2, "absolute values", ret("np.abs(Z_bar).T @ np.abs(A_prev)"), "absolute values in place of squares"),
    (2, "the bias's shortcut", ret("np.sum(Z_bar ** 2, axis=0)"), "the bias's shortcut"),
    (2, "not summed over the batch", ret('np.einsum("bi,bj->bij", Z_bar, A_prev) ** 2'),
     "not summed over the batch"),
    (2, "= in the loop", """
        for b in range(len(A_prev)):
            G = np.outer(Z_bar[b], A_prev[b]) ** 2
        return G""", "only the last example's squared gradient"),

    # Exercise 3: linear_tangent, Ẏ = Ẋ Wᵀ.
    (3, "bias in the tangent", ret("X_dot @ W.T + b"), "the bias added to the tangent"),
    (3, "W for W^T", ret("X_dot @ W"), "W in place of Wᵀ"),
    (3, "einsum with W's indices swapped", ret('np.einsum("bzi,ij->bzj", X_dot, W)'), "W in place of Wᵀ"),
    (3, "the output Y", ret("X @ W.T + b"), "the output Y = X Wᵀ + 1 bᵀ in place of its tangent"),
    (3, "X for X_dot", ret("X[:, None, :] @ W.T"), "X in place of Ẋ"),
    (3, "summed over z", ret("X_dot.sum(axis=1) @ W.T"), "summed over the input features z"),
    (3, "averaged over z", ret("X_dot.mean(axis=1) @ W.T"), "averaged over the input features z"),
    (3, "summed over the batch", ret('np.einsum("bzi,ji->zj", X_dot, W)'), "summed over the batch"),
    (3, "axes in the wrong order", ret('np.einsum("bzi,ji->bjz", X_dot, W)'), "the axes in the wrong order"),
    (3, "W^T alone", ret("np.broadcast_to(W.T, (X.shape[0], W.shape[1], W.shape[0]))"), "Wᵀ alone"),
    (3, "Y added", ret("(X @ W.T + b)[:, None, :] + X_dot @ W.T"), "the output Y added to its tangent"),
    (3, "X_dot unchanged", ret("X_dot"), "the factor Wᵀ is missing"),
    (3, "sign flipped", ret("-X_dot @ W.T"), "sign flipped"),
    (3, "forgot return", "Y_dot = X_dot @ W.T", "forget to `return`"),

    # Exercise 4: activation_backward_tangent, X̄ = Ȳ ⊙ f'(X) + f''(X) ⊙ Σ_z Y_dot_bar ⊙ Ẋ, Ẋ's adjoint Y_dot_bar ⊙ f'(X).
    (4, "no sigma'' term", ex4(x_bar="Y_bar * df(X)"), "the σ'' term missing from X_bar"),
    (4, "not summed over z",
     ex4(x_bar="Y_bar[:, None, :] * df(X)[:, None, :] + d2f(X)[:, None, :] * Y_dot_bar * X_dot"),
     "the σ'' term not summed over the input features z"),
    (4, "summed over the batch too", ex4(x_bar="Y_bar * df(X) + d2f(X) * np.sum(Y_dot_bar * X_dot, axis=(0, 1))"),
     "the σ'' term summed over the batch too"),
    (4, "f' for f''", ex4(x_bar="Y_bar * df(X) + df(X) * np.sum(Y_dot_bar * X_dot, axis=1)"),
     "f' in place of f'' in the σ'' term"),
    (4, "f' and f'' swapped", ex4(x_bar="Y_bar * d2f(X) + df(X) * np.sum(Y_dot_bar * X_dot, axis=1)"),
     "f' and f'' swapped in X_bar"),
    (4, "no plain term", ex4(x_bar="d2f(X) * np.sum(Y_dot_bar * X_dot, axis=1)"), "the plain term Ȳ ⊙ f'(X) missing"),
    (4, "Y_dot for X_dot", ex4(x_bar="Y_bar * df(X) + d2f(X) * np.sum(Y_dot_bar * Y_dot, axis=1)"),
     "the output tangent Ẏ in place of Ẋ"),
    (4, "X_dot missing", ex4(x_bar="Y_bar * df(X) + d2f(X) * np.sum(Y_dot_bar, axis=1)"),
     "Ẋ missing from the σ'' term"),
    (4, "product of sums",
     ex4(x_bar="Y_bar * df(X) + d2f(X) * np.sum(Y_dot_bar, axis=1) * np.sum(X_dot, axis=1)"),
     "the sum over z taken of each factor"),
    (4, "sigma'' term subtracted", ex4(x_bar="Y_bar * df(X) - d2f(X) * np.sum(Y_dot_bar * X_dot, axis=1)"),
     "the σ'' term subtracted"),
    (4, "f'' in X_dot_bar", ex4(x_dot_bar="Y_dot_bar * d2f(X)[:, None, :]"), "f'' in place of f' in X_dot_bar"),
    (4, "no f' in X_dot_bar", ex4(x_dot_bar="Y_dot_bar"), "the factor f'(X) missing from X_dot_bar"),
    (4, "X_dot_bar summed over z", ex4(x_dot_bar="Y_dot_bar.sum(axis=1) * df(X)"),
     "X_dot_bar summed over the input features z"),
    (4, "softsign hard-coded", """
        X_bar = Y_bar * Softsign.df(X) + Softsign.d2f(X) * np.sum(Y_dot_bar * X_dot, axis=1)
        return {"X_bar": X_bar, "X_dot_bar": Y_dot_bar * Softsign.df(X)[:, None, :]}""",
     "use the functions passed in, df and d2f"),
    (4, "wrong keys", """
        X_bar = Y_bar * df(X) + d2f(X) * np.sum(Y_dot_bar * X_dot, axis=1)
        return {"dX": X_bar, "dX_dot": Y_dot_bar * df(X)[:, None, :]}""", "the dict should have the keys"),

    # Exercise 5: linear_backward_tangent, the bug: W_bar without the tangent path.
    (5, "the bug kept", ex5(w_bar="Y_bar.T @ X"), "the planted bug kept"),
    (5, "only the tangent path", ex5(w_bar='np.einsum("bzi,bzj->ij", Y_dot_bar, X_dot)'), "only the tangent path"),
    (5, "not summed over z", tangent5('np.einsum("bzi,bzj->zij", Y_dot_bar, X_dot)'),
     "summed over the batch but not over z"),
    (5, "sums over z in each factor", tangent5("Y_dot_bar.sum(axis=1).T @ X_dot.sum(axis=1)"),
     "the sums over z taken in each factor"),
    (5, "tangent path transposed", tangent5("sum(X_dot[b].T @ Y_dot_bar[b] for b in range(len(X)))"),
     "the tangent path transposed"),
    (5, "W_bar transposed", ex5(w_bar='X.T @ Y_bar + np.einsum("bzj,bzi->ji", X_dot, Y_dot_bar)'),
     "W_bar transposed as a whole"),
    (5, "X for X_dot", tangent5('np.einsum("bzi,bj->ij", Y_dot_bar, X)'), "X in place of Ẋ in the tangent path"),
    (5, "Y_dot for its adjoint", tangent5('np.einsum("bzi,bzj->ij", X_dot @ W.T, X_dot)'),
     "the tangent Ẏ in place of its adjoint"),
    (5, "= in a loop over b", """
        W_bar = Y_bar.T @ X
        for b in range(len(X)):
            tangent = Y_dot_bar[b].T @ X_dot[b]
            W_bar_tangent = tangent
        return {"W_bar": W_bar + W_bar_tangent, "b_bar": Y_bar.sum(axis=0), "X_bar": Y_bar @ W,
                "X_dot_bar": Y_dot_bar @ W}""", "the last example only"),
    (5, "mean over the batch", ex5(w_bar='(Y_bar.T @ X + np.einsum("bzi,bzj->ij", Y_dot_bar, X_dot)) / len(X)'),
     "a mean over the batch in W_bar"),
    (5, "bias tangent term", ex5(b_bar="Y_bar.sum(axis=0) + Y_dot_bar.sum(axis=(0, 1))"),
     "the bias given a tangent term"),
    (5, "b_bar a mean", ex5(b_bar="Y_bar.mean(axis=0)"), "b_bar as a mean"),
    (5, "X_bar tangent term", ex5(x_bar="Y_bar @ W + Y_dot_bar.sum(axis=1) @ W"), "X_bar with a tangent term added"),
    (5, "X_bar with W^T", ex5(x_bar="Y_bar @ W.T"), "X_bar = Ȳ Wᵀ"),
    (5, "X_dot_bar with W^T", ex5(x_dot_bar="Y_dot_bar @ W.T"), "X_dot_bar = Y_dot_bar Wᵀ"),
    (5, "X_dot_bar summed over z", ex5(x_dot_bar="Y_dot_bar.sum(axis=1) @ W"),
     "X_dot_bar summed over the input features z"),
    (5, "no W in X_dot_bar", ex5(x_dot_bar="Y_dot_bar"), "the factor W missing from X_dot_bar"),
]
