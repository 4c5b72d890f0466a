"""Chapter 1: wrong answers a learner writes, and the words each verdict must say."""
EX1 = """
u1 = w1 * x + b1
a1 = np.tanh(u1)
u2 = w2 * a1 + b2
y_hat = 1 / (1 + np.exp(-u2))
return {}
"""
EX2 = """
u = W @ a_prev + b
df = {}
return W.T @ (dC_da * df)
"""
RIGHT_DF2 = "np.concatenate([1 - np.tanh(u[:k]) ** 2, Sigmoid.df(u[k:])])"
EX3 = """
n_out, n_in = W.shape
dC_db, dC_dW, dC_da_prev = np.zeros(n_out), np.zeros((n_out, n_in)), np.zeros(n_in)
for i in range(n_out):
    dC_db[i] = {db}
    for j in range(n_in):
        dC_dW[i, j] = {dW}
        {da}
return {ret}
"""
RIGHT3 = dict(db="dC_da[i] * df[i]", dW="dC_db[i] * a_prev[j]", da="dC_da_prev[j] += dC_db[i] * W[i, j]",
              ret="dC_db, dC_dW, dC_da_prev")
EX4 = """
Z_bar = {}
return {}
"""
RIGHT4 = "Z_bar.T @ A_prev, Z_bar.sum(axis=0), Z_bar @ W"
EX5 = """
u1, a1, u2, y_hat = forward_column(x, W1, b1, W2, b2)
dC_db2 = {db2}
dC_da1 = {da1}
dC_db1 = {db1}
return {ret}
"""
RIGHT5 = dict(db2="2 * (y_hat - y) * Sigmoid.df(u2)", da1="W2.T @ dC_db2", db1="dC_da1 * Tanh.df(u1)",
              ret='{"W1": dC_db1 @ x.T, "b1": dC_db1, "W2": dC_db2 @ a1.T, "b2": dC_db2}')


def ex1(factors):
    return EX1.format("2 * (y_hat - y) * " + factors)


def ex3(**changed):
    return EX3.format(**{**RIGHT3, **changed})


def ex5(**changed):
    return EX5.format(**{**RIGHT5, **changed})


MISTAKES = [
    # Exercise 1: grad_b1, dC/db1 of a 1-1-1 network (tanh, then sigmoid), one example.
    (1, "sigma' at the output", ex1("Sigmoid.df(y_hat) * w2 * (1 - a1 ** 2)"), "σ' taken at the output ŷ"),
    (1, "no sigma'", ex1("w2 * (1 - a1 ** 2)"), "forgetting σ'"),
    (1, "sigma' at the target", ex1("y * (1 - y) * w2 * (1 - a1 ** 2)"), "with the target y in place of ŷ"),
    (1, "no w2", ex1("y_hat * (1 - y_hat) * (1 - a1 ** 2)"), "forgetting w2"),
    (1, "w1 for w2", ex1("y_hat * (1 - y_hat) * w1 * (1 - a1 ** 2)"), "w1 in place of w2"),
    (1, "tanh' of the wrong layer", ex1("y_hat * (1 - y_hat) * w2 * (1 - np.tanh(u2) ** 2)"),
     "tanh' of the wrong layer"),
    (1, "tanh' at a1", ex1("y_hat * (1 - y_hat) * w2 * (1 - np.tanh(a1) ** 2)"), "taken at the activation a1"),
    (1, "(1 - a1)**2", ex1("y_hat * (1 - y_hat) * w2 * (1 - a1) ** 2"), "(1 - a1)² in place of 1 - a1²"),
    (1, "1 - u1**2", ex1("y_hat * (1 - y_hat) * w2 * (1 - u1 ** 2)"), "tanh' written 1 - u1²"),
    (1, "no tanh'", ex1("y_hat * (1 - y_hat) * w2"), "forgetting tanh'"),
    (1, "derivatives swapped", ex1("Tanh.df(u2) * w2 * Sigmoid.df(u1)"), "the two derivatives swapped"),
    (1, "an extra x", ex1("y_hat * (1 - y_hat) * w2 * (1 - a1 ** 2) * x"), "dC/dw1 (an extra factor x)"),
    (1, "no bias b1", """
        a1 = np.tanh(w1 * x)
        y_hat = Sigmoid.f(w2 * a1 + b2)
        return 2 * (y_hat - y) * y_hat * (1 - y_hat) * w2 * (1 - a1 ** 2)""", "leaving the bias b1 out"),
    (1, "y - y_hat", EX1.format("2 * (y - y_hat) * y_hat * (1 - y_hat) * w2 * (1 - a1 ** 2)"), "sign flipped"),
    (1, "no factor 2", EX1.format("(y_hat - y) * y_hat * (1 - y_hat) * w2 * (1 - a1 ** 2)"), "1/2 times"),
    (1, "no return", """
        a1 = np.tanh(w1 * x + b1)
        y_hat = Sigmoid.f(w2 * a1 + b2)
        grad = 2 * (y_hat - y) * y_hat * (1 - y_hat) * w2 * (1 - a1 ** 2)""", "forget to `return`"),

    # Exercise 2: grad_a_prev, dC/da^{l-1} through a layer of k tanh units and n - k sigmoid units.
    (2, "all tanh'", EX2.format("1 - np.tanh(u) ** 2"), "tanh' for every unit"),
    (2, "all sigma'", EX2.format("Sigmoid.df(u)"), "σ' for every unit"),
    (2, "split at k + 1", EX2.format("np.concatenate([Tanh.df(u[:k + 1]), Sigmoid.df(u[k + 1:])])"),
     "one unit too late"),
    (2, "split at k - 1", EX2.format("np.concatenate([Tanh.df(u[:k - 1]), Sigmoid.df(u[k - 1:])])"),
     "one unit too early"),
    (2, "i <= k in a loop", """
        out = np.zeros(len(a_prev))
        for i in range(len(dC_da)):
            u_i = W[i] @ a_prev + b[i]
            d = 1 - np.tanh(u_i) ** 2 if i <= k else Sigmoid.df(u_i)
            out += dC_da[i] * d * W[i]
        return out""", "one unit too late"),
    (2, "k hard-coded", EX2.format("np.concatenate([Tanh.df(u[:2]), Sigmoid.df(u[2:])])"), "the argument k ignored"),
    (2, "activations swapped", EX2.format("np.concatenate([Sigmoid.df(u[:k]), Tanh.df(u[k:])])"),
     "the two activations swapped"),
    (2, "only the tanh paths", """
        u = W @ a_prev + b
        return W[:k].T @ (dC_da[:k] * Tanh.df(u[:k]))""", "only the paths through the tanh units"),
    (2, "only the sigmoid paths", """
        u = W @ a_prev + b
        return W[k:].T @ (dC_da[k:] * Sigmoid.df(u[k:]))""", "only the paths through the sigmoid units"),
    (2, "no f'", "return W.T @ dC_da", "forgetting f'"),
    (2, "f' at the activations", """
        a = mixed_layer(a_prev, W, b, k)
        df = np.concatenate([Tanh.df(a[:k]), Sigmoid.df(a[k:])])
        return W.T @ (dC_da * df)""", "f' taken at the activations a^l"),
    (2, "no bias", """
        u = W @ a_prev
        df = np.concatenate([Tanh.df(u[:k]), Sigmoid.df(u[k:])])
        return W.T @ (dC_da * df)""", "leaving the bias b out"),
    (2, "sum over j", """
        u = W @ a_prev + b
        df = np.concatenate([Tanh.df(u[:k]), Sigmoid.df(u[k:])])
        return (W * (dC_da * df)[:, None]).sum(axis=1)""", "the sum over j instead of over i"),
    (2, "W for W^T", """
        u = W @ a_prev + b
        df = np.concatenate([Tanh.df(u[:k]), Sigmoid.df(u[k:])])
        return W @ (dC_da * df)""", "raised ValueError"),
    (2, "sign flipped", EX2.format(RIGHT_DF2).replace("return W.T", "return -W.T"), "sign flipped"),

    # Exercise 3: layer_backward_loop, eqs. (1.2)-(1.4) as loops over i and j, one example.
    (3, "no f'", ex3(db="dC_da[i]"), "forgetting f'"),
    (3, "no f' in dC_dW", ex3(dW="dC_da[i] * a_prev[j]"), "f' left out of dC_dW"),
    (3, "no f' in dC_da_prev", ex3(da="dC_da_prev[j] += dC_da[i] * W[i, j]"), "f' left out of dC_da_prev"),
    (3, "f' twice in dC_da_prev", ex3(da="dC_da_prev[j] += dC_db[i] * df[i] * W[i, j]"), "f' counted twice"),
    (3, "= for +=", ex3(da="dC_da_prev[j] = dC_db[i] * W[i, j]"), "only the last unit i's path"),
    (3, "zeros reset inside the loop", """
        n_out, n_in = W.shape
        dC_db, dC_dW = np.zeros(n_out), np.zeros((n_out, n_in))
        for i in range(n_out):
            dC_db[i] = dC_da[i] * df[i]
            dC_da_prev = np.zeros(n_in)
            for j in range(n_in):
                dC_dW[i, j] = dC_db[i] * a_prev[j]
                dC_da_prev[j] += dC_db[i] * W[i, j]
        return dC_db, dC_dW, dC_da_prev""", "only the last unit i's path"),
    (3, "sum over j", ex3(da="dC_da_prev[i] += dC_db[i] * W[i, j]"), "the sum over the wrong index"),
    (3, "W for a_prev in dC_dW", ex3(dW="dC_db[i] * W[i, j]"), "W[i, j] in place of a_prev[j]"),
    (3, "a_prev for W in dC_da_prev", ex3(da="dC_da_prev[j] += dC_db[i] * a_prev[j]"),
     "a_prev[j] in place of W[i, j]"),
    (3, "W[j, i]", ex3(da="dC_da_prev[j] += dC_db[i] * W[j, i]"), "raised IndexError"),
    (3, "tuple order", ex3(ret="dC_dW, dC_db, dC_da_prev"), "wrong order"),
    (3, "dC_dW transposed", """
        n_out, n_in = W.shape
        dC_db, dC_dW, dC_da_prev = np.zeros(n_out), np.zeros((n_in, n_out)), np.zeros(n_in)
        for i in range(n_out):
            dC_db[i] = dC_da[i] * df[i]
            for j in range(n_in):
                dC_dW[j, i] = dC_db[i] * a_prev[j]
                dC_da_prev[j] += dC_db[i] * W[i, j]
        return dC_db, dC_dW, dC_da_prev""", "transpose of the right answer"),
    (3, "W @ dC_db", """
        dC_db = dC_da * df
        dC_dW = np.zeros(W.shape)
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                dC_dW[i, j] = dC_db[i] * a_prev[j]
        return dC_db, dC_dW, W @ dC_db""", "raised ValueError"),
    (3, "two values", ex3(ret="dC_db, dC_dW"), "return 3 values"),
    (3, "no return", ex3(ret="").replace("\nreturn \n", "\n"), "forget to `return`"),

    # Exercise 4: layer_backward, eq. (1.6) for a batch (the cost summed over it).
    (4, "no f'", EX4.format("A_bar", RIGHT4), "forgetting f'"),
    (4, "f' at A_bar", EX4.format("A_bar * df(A_bar)", RIGHT4), "f' taken at A_bar"),
    (4, "tanh' written out", EX4.format("A_bar * (1 - np.tanh(Z) ** 2)", RIGHT4), "the argument df ignored: tanh'"),
    (4, "df not called", EX4.format("A_bar * df", RIGHT4), "raised TypeError"),
    (4, "no f' in A_prev_bar", EX4.format("A_bar * df(Z)", "Z_bar.T @ A_prev, Z_bar.sum(axis=0), A_bar @ W"),
     "f' left out of A_prev_bar"),
    (4, "b_bar as a mean", EX4.format("A_bar * df(Z)", "Z_bar.T @ A_prev, Z_bar.mean(axis=0), Z_bar @ W"),
     "b_bar as a mean over the batch"),
    (4, "means over the batch", EX4.format(
        "A_bar * df(Z)", "Z_bar.T @ A_prev / len(A_prev), np.mean(Z_bar, axis=0), Z_bar @ W"),
     "W_bar and b_bar as means"),
    (4, "b_bar over the units", EX4.format("A_bar * df(Z)", "Z_bar.T @ A_prev, Z_bar.sum(axis=1), Z_bar @ W"),
     "summed over the units (axis=1)"),
    (4, "b_bar not summed", EX4.format("A_bar * df(Z)", "Z_bar.T @ A_prev, Z_bar, Z_bar @ W"),
     "b_bar not summed over the batch"),
    (4, "b_bar over everything", EX4.format("A_bar * df(Z)", "Z_bar.T @ A_prev, np.sum(Z_bar), Z_bar @ W"),
     "summed over both axes"),
    (4, "last example only", """
        Z_bar = A_bar * df(Z)
        for r in range(len(A_prev)):
            W_bar = np.outer(Z_bar[r], A_prev[r])
            b_bar = Z_bar[r]
        return W_bar, b_bar, Z_bar @ W""", "from the last example only"),
    (4, "W_bar per example", EX4.format(
        "A_bar * df(Z)", "Z_bar[:, :, None] * A_prev[:, None, :], Z_bar.sum(axis=0), Z_bar @ W"),
     "not summed over the batch (axis 0)"),
    (4, "A_prev_bar summed", EX4.format(
        "A_bar * df(Z)", "Z_bar.T @ A_prev, Z_bar.sum(axis=0), (Z_bar @ W).sum(axis=0)"),
     "A_prev_bar summed over the batch"),
    (4, "W^T in A_prev_bar", EX4.format("A_bar * df(Z)", "Z_bar.T @ A_prev, Z_bar.sum(axis=0), Z_bar @ W.T"),
     "raised ValueError"),
    (4, "W_bar transposed", EX4.format("A_bar * df(Z)", "A_prev.T @ Z_bar, Z_bar.sum(axis=0), Z_bar @ W"),
     "transpose of the right answer"),
    (4, "tuple order", EX4.format("A_bar * df(Z)", "Z_bar.sum(axis=0), Z_bar.T @ A_prev, Z_bar @ W"),
     "wrong order"),
    (4, "two values", EX4.format("A_bar * df(Z)", "Z_bar.T @ A_prev, Z_bar.sum(axis=0)"), "return 3 values"),

    # Exercise 5: backward, the planted bug (tanh' taken at u2 in dC_db1) fixed.
    (5, "bug left", ex5(db1="dC_da1 * Tanh.df(u2)"), "the planted bug, still there"),
    (5, "buggy_backward returned", "return buggy_backward(x, y, W1, b1, W2, b2)", "the planted bug, still there"),
    (5, "sigma'(u1)", ex5(db1="dC_da1 * Sigmoid.df(u1)"), "σ' in place of tanh' in dC_db1"),
    (5, "sigma'(u2)", ex5(db1="dC_da1 * Sigmoid.df(u2)"), "σ'(u2), the output layer's derivative, in dC_db1"),
    (5, "tanh' at a1", ex5(db1="dC_da1 * Tanh.df(a1)"), "tanh' taken at the activation a1"),
    (5, "1 - u1**2", ex5(db1="dC_da1 * (1 - u1 ** 2)"), "tanh' written 1 - u²"),
    (5, "no tanh'", ex5(db1="dC_da1"), "tanh' left out of dC_db1"),
    (5, "both tanh'", ex5(db1="dC_da1 * Tanh.df(u1) * Tanh.df(u2)"), "two f' factors in dC_db1"),
    (5, "sigma' twice", ex5(da1="W2.T @ (dC_db2 * Sigmoid.df(u2))"), "σ'(u2) counted twice"),
    (5, "W2 and the bug", ex5(da1="W2 @ dC_db2", db1="dC_da1 * Tanh.df(u2)"),
     "and the planted bug still there"),
    (5, "W2 for W2^T", ex5(da1="W2 @ dC_db2"), "W2 in place of (W2)^T in dC_da1 (eq. (1.4)"),
    (5, "the wrong line changed", ex5(db2="2 * (y_hat - y) * Sigmoid.df(u1)", db1="dC_da1 * Tanh.df(u2)"),
     "a right line changed"),
    (5, "W1 transposed", ex5(ret='{"W1": x @ dC_db1.T, "b1": dC_db1, "W2": dC_db2 @ a1.T, "b2": dC_db2}'),
     "W1: transposed"),
    (5, "dC_da1 as a row", ex5(da1="dC_db2.T @ W2"), "raised ValueError"),
    (5, "keys renamed", ex5(ret='{"dW1": dC_db1 @ x.T, "db1": dC_db1, "dW2": dC_db2 @ a1.T, "db2": dC_db2}'),
     "should have the keys"),
    (5, "b1 flattened", ex5(ret='{"W1": dC_db1 @ x.T, "b1": dC_db1.ravel(), "W2": dC_db2 @ a1.T, "b2": dC_db2}'),
     "b1: wrong shape: got (3,), expected (3, 1)"),
]
