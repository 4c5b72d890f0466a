"""Chapter 0: wrong answers a learner writes, and the words each verdict must say."""
EX1 = """
y_hat = np.tanh(X @ w + b)
return X.T @ ({})
"""
EX4 = """
Z = X @ W.T + b
A = Sigmoid.f(Z)
{}
"""
EX5 = """
Z1, A1, Y_hat = forward(X, W1, b1, W2, b2)
Y_hat_bar = 2 * (Y_hat - Y) / len(X)
A1_bar = Y_hat_bar @ W2
Z1_bar = A1_bar * Sigmoid.df(Z1)
{}
"""
RIGHT5 = """return {"W1": Z1_bar.T @ X, "b1": Z1_bar.sum(axis=0), "W2": Y_hat_bar.T @ A1, "b2": Y_hat_bar.sum(axis=0)}"""

MISTAKES = [
    # Exercise 1: grad_w, dC/dw of a tanh neuron, summed over the batch.
    (1, "tanh' of the output", EX1.format("2 * (y_hat - y) * (1 - np.tanh(y_hat) ** 2)"), "tanh' taken at the output"),
    (1, "tanh' as 1 - z**2", """
        z = X @ w + b
        return X.T @ (2 * (np.tanh(z) - y) * (1 - z ** 2))""", "1 - z²"),
    (1, "(1 - y_hat)**2", EX1.format("2 * (y_hat - y) * (1 - y_hat) ** 2"), "(1 - ŷ)²"),
    (1, "tanh' at the target", EX1.format("2 * (y_hat - y) * (1 - y ** 2)"), "at the target y"),
    (1, "no tanh'", EX1.format("2 * (y_hat - y)"), "forgetting tanh'"),
    (1, "no bias", """
        y_hat = np.tanh(X @ w)
        return X.T @ (2 * (y_hat - y) * (1 - y_hat ** 2))""", "bias b out"),
    (1, "y - y_hat", EX1.format("2 * (y - y_hat) * (1 - y_hat ** 2)"), "sign flipped"),
    (1, "no factor 2", EX1.format("(y_hat - y) * (1 - y_hat ** 2)"), "1/2 times"),
    (1, "a mean", EX1.format("2 * (y_hat - y) * (1 - y_hat ** 2) / len(y)"), "1/B (B = 5"),
    (1, "not summed over examples", """
        y_hat = np.tanh(X @ w + b)
        return X * (2 * (y_hat - y) * (1 - y_hat ** 2))[:, None]""", "not summed over the batch"),
    (1, "X @ z_bar", """
        y_hat = np.tanh(X @ w + b)
        return X @ (2 * (y_hat - y) * (1 - y_hat ** 2))""", "raised ValueError: matmul"),
    (1, "no return", """
        y_hat = np.tanh(X @ w + b)
        z_bar = 2 * (y_hat - y) * (1 - y_hat ** 2)
        grad = X.T @ z_bar""", "forget to `return`"),

    # Exercise 2: numerical_grad.
    (2, "forward difference", """
        x = np.array(x, dtype=float)
        g = np.zeros_like(x)
        f0 = f(x)
        for i in np.ndindex(x.shape):
            x[i] += h
            g[i] = (f(x) - f0) / h
            x[i] -= h
        return g""", "forward difference"),
    (2, "h ignored", """
        x = np.array(x, dtype=float)
        g = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            old = x[i]
            x[i] = old + 1e-6
            fp = f(x)
            x[i] = old - 1e-6
            g[i] = (fp - f(x)) / 2e-6
            x[i] = old
        return g""", "ignoring the argument h"),
    (2, "never restored", """
        x = np.array(x, dtype=float)
        g = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            old = x[i]
            x[i] = old + h
            fp = f(x)
            x[i] = old - h
            g[i] = (fp - f(x)) / (2 * h)
        return g""", "never putting x[i] back"),
    (2, "the caller's x changed", """
        g = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            x[i] += h
            fp = f(x)
            x[i] -= 2 * h
            g[i] = (fp - f(x)) / (2 * h)
        return g""", "changed its argument number 2"),
    (2, "divided by h", """
        x = np.array(x, dtype=float)
        g = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            old = x[i]
            x[i] = old + h
            fp = f(x)
            x[i] = old - h
            g[i] = (fp - f(x)) / h
            x[i] = old
        return g""", "2 times"),
    (2, "/ 2 * h", """
        x = np.array(x, dtype=float)
        g = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            old = x[i]
            x[i] = old + h
            fp = f(x)
            x[i] = old - h
            g[i] = (fp - f(x)) / 2 * h
            x[i] = old
        return g""", "dividing by 2 and then multiplying by h"),
    (2, "every entry at once", """
        g = np.zeros(x.shape)
        for i in np.ndindex(x.shape):
            g[i] = (f(x + h) - f(x - h)) / (2 * h)
        return g""", "every entry of x at once"),
    (2, "reversed difference", """
        x = np.array(x, dtype=float)
        g = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            old = x[i]
            x[i] = old - h
            fm = f(x)
            x[i] = old + h
            g[i] = (fm - f(x)) / (2 * h)
            x[i] = old
        return g""", "sign flipped"),
    (2, "flattened result", """
        x = np.array(x, dtype=float)
        g = []
        for i in np.ndindex(x.shape):
            old = x[i]
            x[i] = old + h
            fp = f(x)
            x[i] = old - h
            g.append((fp - f(x)) / (2 * h))
            x[i] = old
        return np.array(g)""", "check how the result is reshaped"),
    (2, "rows only", """
        x = np.array(x, dtype=float)
        g = np.zeros_like(x)
        for i in range(len(x)):
            x[i] += h
            fp = f(x)
            x[i] -= 2 * h
            g[i] = (fp - f(x)) / (2 * h)
            x[i] += h
        return g""", "range(len(x)), the rows"),
    (2, "no return", """
        x = np.array(x, dtype=float)
        g = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            old = x[i]
            x[i] = old + h
            fp = f(x)
            x[i] = old - h
            g[i] = (fp - f(x)) / (2 * h)
            x[i] = old""", "forget to `return`"),

    # Exercise 3: rel_error.
    (3, "max-norm", "return np.abs(a - b).max() / (np.abs(a).max() + np.abs(b).max())", "max-norm"),
    (3, "L1 norm", "return np.sum(np.abs(a - b)) / (np.sum(np.abs(a)) + np.sum(np.abs(b)))", "L1 norm"),
    (3, "no square root", """
        den = np.sum(a ** 2) + np.sum(b ** 2)
        return 0.0 if den == 0 else np.sum((a - b) ** 2) / den""", "no square root"),
    (3, "ord=2", """
        den = np.linalg.norm(a, 2) + np.linalg.norm(b, 2)
        return 0.0 if den == 0 else np.linalg.norm(a - b, 2) / den""", "largest singular value"),
    (3, "divide by ||a||", """
        if np.linalg.norm(a) == 0:
            return 0.0
        return np.linalg.norm(a - b) / np.linalg.norm(a)""", "by ‖a‖ alone"),
    (3, "max of the norms", """
        den = max(np.linalg.norm(a), np.linalg.norm(b))
        return 0.0 if den == 0 else np.linalg.norm(a - b) / den""", "max(‖a‖, ‖b‖)"),
    (3, "||a + b||", """
        den = np.linalg.norm(a + b)
        return 0.0 if den == 0 else np.linalg.norm(a - b) / den""", "‖a + b‖ in the denominator"),
    (3, "difference of norms", """
        den = np.linalg.norm(a) + np.linalg.norm(b)
        return 0.0 if den == 0 else abs(np.linalg.norm(a) - np.linalg.norm(b)) / den""", "‖a‖ - ‖b‖ in place of"),
    (3, "absolute error", "return np.linalg.norm(a - b)", "not divided by anything"),
    (3, "missing parentheses", """
        if not a.any() and not b.any():
            return 0.0
        return np.linalg.norm(a - b) / np.linalg.norm(a) + np.linalg.norm(b)""", "missing parentheses"),
    (3, "no zero guard", "return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))", "NaN"),
    (3, "zero guard returns 1", """
        den = np.linalg.norm(a) + np.linalg.norm(b)
        return 1.0 if den == 0 else np.linalg.norm(a - b) / den""", "got 1, expected 0"),

    # Exercise 4: layer_grads, a sigmoid layer with the mean squared error.
    (4, "sigma' at A", EX4.format("""Z_bar = 2 * (A - Y) / len(X) * Sigmoid.df(A)
return Z_bar.T @ X, Z_bar.sum(axis=0)"""), "σ' taken at the activation A"),
    (4, "no sigma'", EX4.format("""Z_bar = 2 * (A - Y) / len(X)
return Z_bar.T @ X, Z_bar.sum(axis=0)"""), "forgetting σ'"),
    (4, "no bias", """
        Z = X @ W.T
        Z_bar = 2 * (Sigmoid.f(Z) - Y) / len(X) * Sigmoid.df(Z)
        return Z_bar.T @ X, Z_bar.sum(axis=0)""", "bias b out of Z"),
    (4, "no 1/B", EX4.format("""Z_bar = 2 * (A - Y) * Sigmoid.df(Z)
return Z_bar.T @ X, Z_bar.sum(axis=0)"""), "a missing 1/B"),
    (4, "np.mean over every entry", EX4.format("""Z_bar = 2 * (A - Y) / A.size * Sigmoid.df(Z)
return Z_bar.T @ X, Z_bar.sum(axis=0)"""), "B·n_out"),
    (4, "db as a mean", EX4.format("""Z_bar = 2 * (A - Y) / len(X) * Sigmoid.df(Z)
return Z_bar.T @ X, Z_bar.mean(axis=0)"""), "db as a mean over the batch"),
    (4, "db over the units", EX4.format("""Z_bar = 2 * (A - Y) / len(X) * Sigmoid.df(Z)
return Z_bar.T @ X, Z_bar.sum(axis=1)"""), "over the units (axis=1)"),
    (4, "db not summed", EX4.format("""Z_bar = 2 * (A - Y) / len(X) * Sigmoid.df(Z)
return Z_bar.T @ X, Z_bar"""), "db: wrong shape"),
    (4, "dW transposed", EX4.format("""Z_bar = 2 * (A - Y) / len(X) * Sigmoid.df(Z)
return X.T @ Z_bar, Z_bar.sum(axis=0)"""), "transpose of the right answer"),
    (4, "tuple order", EX4.format("""Z_bar = 2 * (A - Y) / len(X) * Sigmoid.df(Z)
return Z_bar.sum(axis=0), Z_bar.T @ X"""), "wrong order"),
    (4, "no factor 2", EX4.format("""Z_bar = (A - Y) / len(X) * Sigmoid.df(Z)
return Z_bar.T @ X, Z_bar.sum(axis=0)"""), "1/2 times"),
    (4, "Z_bar @ X", EX4.format("""Z_bar = 2 * (A - Y) / len(X) * Sigmoid.df(Z)
return Z_bar @ X, Z_bar.sum(axis=0)"""), "raised ValueError"),
    (4, "only dW", EX4.format("""Z_bar = 2 * (A - Y) / len(X) * Sigmoid.df(Z)
return Z_bar.T @ X"""), "return 2 values, (dW, db)"),

    # Exercise 5: backward, the planted bug fixed.
    (5, "bug left", EX5.format('return {"W1": Z1_bar.T @ X, "b1": Z1_bar.mean(axis=0), "W2": Y_hat_bar.T @ A1, "b2": Y_hat_bar.sum(axis=0)}'),
     "the planted bug, still there"),
    (5, "divided by B again", EX5.format('return {"W1": Z1_bar.T @ X, "b1": Z1_bar.sum(axis=0) / len(X), "W2": Y_hat_bar.T @ A1, "b2": Y_hat_bar.sum(axis=0)}'),
     "the planted bug, still there"),
    (5, "the wrong bias changed too", EX5.format('return {"W1": Z1_bar.T @ X, "b1": Z1_bar.sum(axis=0), "W2": Y_hat_bar.T @ A1, "b2": Y_hat_bar.mean(axis=0)}'),
     "b2: off by a constant factor: the answer is 1/B (B = 5"),
    (5, "b1 over the units", EX5.format('return {"W1": Z1_bar.T @ X, "b1": Z1_bar.sum(axis=1), "W2": Y_hat_bar.T @ A1, "b2": Y_hat_bar.sum(axis=0)}'),
     "b1: wrong shape: got (5,), expected (3,)"),
    (5, "b1 summed to a number", EX5.format('return {"W1": Z1_bar.T @ X, "b1": Z1_bar.sum(), "W2": Y_hat_bar.T @ A1, "b2": Y_hat_bar.sum(axis=0)}'),
     "b1: wrong shape: got (), expected (3,)"),
    (5, "b1 from one example", EX5.format('return {"W1": Z1_bar.T @ X, "b1": Z1_bar[0], "W2": Y_hat_bar.T @ A1, "b2": Y_hat_bar.sum(axis=0)}'),
     "b1 from one example"),
    (5, "W2 transposed 'fix'", """
        Z1, A1, Y_hat = forward(X, W1, b1, W2, b2)
        Y_hat_bar = 2 * (Y_hat - Y) / len(X)
        A1_bar = Y_hat_bar @ W2.T
        Z1_bar = A1_bar * Sigmoid.df(Z1)
        """ + RIGHT5, "(W2)^T in place of"),
    (5, "sigma' at A1", """
        Z1, A1, Y_hat = forward(X, W1, b1, W2, b2)
        Y_hat_bar = 2 * (Y_hat - Y) / len(X)
        Z1_bar = Y_hat_bar @ W2 * Sigmoid.df(A1)
        """ + RIGHT5, "σ' taken at the activation A1"),
    (5, "no 1/B at all", """
        Z1, A1, Y_hat = forward(X, W1, b1, W2, b2)
        Y_hat_bar = 2 * (Y_hat - Y)
        Z1_bar = Y_hat_bar @ W2 * Sigmoid.df(Z1)
        """ + RIGHT5, "B (B = 5, the batch size) times"),
    (5, "dW2 transposed", EX5.format('return {"W1": Z1_bar.T @ X, "b1": Z1_bar.sum(axis=0), "W2": A1.T @ Y_hat_bar, "b2": Y_hat_bar.sum(axis=0)}'),
     "W2: transposed"),
    (5, "keys renamed", EX5.format('return {"dW1": Z1_bar.T @ X, "db1": Z1_bar.sum(axis=0), "dW2": Y_hat_bar.T @ A1, "db2": Y_hat_bar.sum(axis=0)}'),
     "should have the keys"),
    (5, "no factor 2", """
        Z1, A1, Y_hat = forward(X, W1, b1, W2, b2)
        Y_hat_bar = (Y_hat - Y) / len(X)
        Z1_bar = Y_hat_bar @ W2 * Sigmoid.df(Z1)
        """ + RIGHT5, "1/2 times"),
]
