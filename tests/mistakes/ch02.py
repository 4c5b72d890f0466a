"""Chapter 2: wrong answers a learner writes, and the words each verdict must say."""
EX1 = """
e = np.exp(z - z.max())
p = e / e.sum()
return {}
"""
EX2 = """
Y = np.eye(Z.shape[1])[y]
P = softmax(Z)
return {}
"""
EX4 = """
K = Z.shape[1]
Y = np.eye(K)[y]
Y_smooth = {targets}
return {ret}
"""
RIGHT4 = dict(targets="(1 - eps) * Y + eps / K", ret="(softmax(Z) - Y_smooth) / len(y)")
EX6 = """
Z1 = X @ W1.T + b1
A1 = np.maximum(Z1, 0.0)
Z2 = A1 @ W2.T + b2
Z2_bar = {z2_bar}
Z1_bar = {z1_bar}
return {ret}
"""
RIGHT6 = dict(z2_bar="(softmax(Z2) - np.eye(W2.shape[0])[y]) / len(y)", z1_bar="(Z2_bar @ W2) * (Z1 > 0)",
              ret='{"W1": Z1_bar.T @ X + alpha * W1, "b1": Z1_bar.sum(axis=0), '
                  '"W2": Z2_bar.T @ A1 + alpha * W2, "b2": Z2_bar.sum(axis=0)}')


def ex4(**changed):
    return EX4.format(**{**RIGHT4, **changed})


def ex6(**changed):
    return EX6.format(**{**RIGHT6, **changed})


def ret6(W1="Z1_bar.T @ X + alpha * W1", b1="Z1_bar.sum(axis=0)", W2="Z2_bar.T @ A1 + alpha * W2",
         b2="Z2_bar.sum(axis=0)"):
    return ex6(ret=f'{{"W1": {W1}, "b1": {b1}, "W2": {W2}, "b2": {b2}}}')


MISTAKES = [
    # Exercise 1: softmax_jacobian, J = diag(p) - p p^T for one row of logits.
    (1, "no diagonal term", EX1.format("-np.outer(p, p)"), "forgetting the diagonal term"),
    (1, "delta dropped", EX1.format("np.outer(p, 1 - p)"), "δ_ij dropped"),
    (1, "diag only", EX1.format("np.diag(p)"), "only diag(p)"),
    (1, "diagonal entries only", EX1.format("np.diag(p * (1 - p))"), "off-diagonal entries"),
    (1, "plus outer", EX1.format("np.diag(p) + np.outer(p, p)"), "diag(p) + p pᵀ"),
    (1, "inner product", EX1.format("np.diag(p) - p @ p"), "inner product p·p"),
    (1, "Jacobian of log p", EX1.format("np.eye(len(z)) - p[None, :]"), "the Jacobian of log p"),
    (1, "logits in place of p", "return np.diag(z) - np.outer(z, z)", "the logits z in place of p"),
    (1, "not normalised", EX1.format("np.diag(e) - np.outer(e, e)"), "not divided by its sum"),
    (1, "S not squared", EX1.format("e.sum() * (np.diag(p) - np.outer(p, p))"), "S in place of S²"),
    (1, "sign flipped", EX1.format("np.outer(p, p) - np.diag(p)"), "sign flipped"),
    (1, "not stable", """
e = np.exp(z)
p = e / e.sum()
return np.diag(p) - np.outer(p, p)
""", "overflow"),
    (1, "a vector", EX1.format("p * (1 - p)"), "wrong shape"),
    (1, "forgot return", "e = np.exp(z - z.max())\np = e / e.sum()\nJ = np.diag(p) - np.outer(p, p)",
     "forget to `return`"),

    # Exercise 2: cross_entropy_grad, (P - Y)/B.
    (2, "no 1/B", EX2.format("P - Y"), "the mean's 1/B is missing"),
    (2, "1/K", EX2.format("(P - Y) / Z.shape[1]"), "1/K in place of 1/B"),
    (2, "Y not subtracted", EX2.format("P / len(y)"), "the one-hot labels Y are not subtracted"),
    (2, "1/B on Y only", EX2.format("P - Y / len(y)"), "the 1/B divides Y only"),
    (2, "labels as numbers", EX2.format("(P - y[:, None]) / len(y)"), "as one-hot rows"),
    (2, "logits", EX2.format("(Z - Y) / len(y)"), "the logits Z in place of P"),
    (2, "unnormalised", EX2.format("(np.exp(Z - Z.max(axis=1, keepdims=True)) - Y) / len(y)"),
     "not divided by each row's sum"),
    (2, "normalised over everything", EX2.format("(np.exp(Z) / np.exp(Z).sum() - Y) / len(y)"),
     "normalised over the whole array"),
    (2, "softmax over the batch", EX2.format("(np.exp(Z) / np.exp(Z).sum(axis=0) - Y) / len(y)"),
     "softmax over the batch"),
    (2, "dC/dP", EX2.format("-Y / P / len(y)"), "softmax's Jacobian is missing"),
    (2, "sigmoid-like", EX2.format("(P - Y) * P * (1 - P) / len(y)"), "like a sigmoid"),
    (2, "labels only", EX2.format("(P - Y) * Y / len(y)"), "only the entries at the labels"),
    (2, "sign flipped", EX2.format("(Y - P) / len(y)"), "sign flipped"),
    (2, "eye of B", "Y = np.eye(len(y))[y]\nreturn (softmax(Z) - Y) / len(y)", "could not be broadcast"),

    # Exercise 3: decay_step, (1 - lr alpha) W - lr dW_data.
    (3, "no lr in the decay", "return (1 - alpha) * W - lr * dW_data", "without the learning rate"),
    (3, "data step without lr", "return (1 - lr * alpha) * W - dW_data", "not multiplied by η"),
    (3, "step up", "return (1 - lr * alpha) * W + lr * dW_data", "a step up the gradient"),
    (3, "W grows", "return (1 + lr * alpha) * W - lr * dW_data", "sign flipped, so W grows"),
    (3, "no decay", "return W - lr * dW_data", "α is not used"),
    (3, "decay after the step", "return (1 - lr * alpha) * (W - lr * dW_data)", "the data step decayed too"),
    (3, "alpha/2", "return (1 - lr * alpha / 2) * W - lr * dW_data", "not α W / 2"),
    (3, "2 alpha", "return (1 - 2 * lr * alpha) * W - lr * dW_data", "taken as 2 α W"),
    (3, "decay twice", "return (1 - lr * alpha) * W - lr * (dW_data + alpha * W)", "counted twice"),
    (3, "alpha not alpha W", "return W - lr * (dW_data + alpha)", "α in place of α W"),
    (3, "data times lr alpha", "return (1 - lr * alpha) * W - lr * alpha * dW_data", "multiplied by η α"),
    (3, "no data step", "return (1 - lr * alpha) * W", "the data step is missing"),
    (3, "in place", "W *= 1 - lr * alpha\nW -= lr * dW_data\nreturn W", "changed its argument"),

    # Exercise 4: smoothed_grad, (P - Y_smooth)/B.
    (4, "not smoothed", ex4(targets="Y"), "ε is not used"),
    (4, "no 1/B", ex4(ret="softmax(Z) - Y_smooth"), "the mean's 1/B is missing"),
    (4, "K - 1 other classes", ex4(targets="(1 - eps) * Y + eps / (K - 1) * (1 - Y)"), "the K - 1 other classes"),
    (4, "eps without /K", ex4(targets="(1 - eps) * Y + eps"), "without dividing by K"),
    (4, "one-hot not scaled", ex4(targets="Y + eps / K"), "not scaled by 1 - ε"),
    (4, "eps/K missing", ex4(targets="(1 - eps) * Y"), "the ε/K part of the targets is missing"),
    (4, "eps swapped", ex4(targets="eps * Y + (1 - eps) / K"), "swapped"),
    (4, "eps/B", ex4(targets="(1 - eps) * Y + eps / len(y)"), "ε/B in place of ε/K"),
    (4, "smoothing the gradient", ex4(ret="(1 - eps) * (softmax(Z) - Y) / len(y)"), "applied to the gradient"),
    (4, "log P", ex4(ret="(log_softmax(Z) - Y_smooth) / len(y)"), "log P in place of P"),
    (4, "dl/dP", ex4(ret="-Y_smooth / softmax(Z) / len(y)"), "softmax's Jacobian is missing"),
    (4, "softmax over the batch", ex4(ret="(softmax(Z.T).T - Y_smooth) / len(y)"), "softmax over the batch"),
    (4, "sign flipped", ex4(ret="(Y_smooth - softmax(Z)) / len(y)"), "sign flipped"),

    # Exercise 5: softmax_backward, the planted bug (a sum over the batch) fixed.
    (5, "bug kept", "return P * (P_bar - np.sum(P_bar * P, axis=0, keepdims=True))", "the planted bug kept"),
    (5, "sum over everything", "return P * (P_bar - np.sum(P_bar * P))", "np.sum without axis"),
    (5, "mean", "return P * (P_bar - np.mean(P_bar * P, axis=1, keepdims=True))", "a mean over the classes"),
    (5, "no weights P", "return P * (P_bar - np.sum(P_bar, axis=1, keepdims=True))", "without the weights P"),
    (5, "outer P missing", "return P_bar - np.sum(P_bar * P, axis=1, keepdims=True)", "the outer factor P"),
    (5, "plus", "return P * (P_bar + np.sum(P_bar * P, axis=1, keepdims=True))", "+ in place of -"),
    (5, "unchanged", "return P_bar", "passed through unchanged"),
    (5, "diagonal only", "return P * P_bar", "only the diagonal"),
    (5, "sigmoid-like", "return P * (1 - P) * P_bar", "like a sigmoid"),
    (5, "log-softmax", "return P_bar - P * np.sum(P_bar, axis=1, keepdims=True)", "log-softmax"),
    (5, "keepdims dropped", "return P * (P_bar - np.sum(P_bar * P, axis=1))", "could not be broadcast"),
    (5, "sign flipped", "return -P * (P_bar - np.sum(P_bar * P, axis=1, keepdims=True))", "sign flipped"),

    # Exercise 6: classifier_grads, eq. (2.7).
    (6, "no 1/B", ex6(z2_bar="softmax(Z2) - np.eye(W2.shape[0])[y]"), "a missing 1/B in the data term"),
    (6, "penalty divided by B", """
Z1 = X @ W1.T + b1
A1 = np.maximum(Z1, 0.0)
Z2 = A1 @ W2.T + b2
G2 = softmax(Z2) - np.eye(W2.shape[0])[y]
G1 = (G2 @ W2) * (Z1 > 0)
B = len(y)
return {"W1": (G1.T @ X + alpha * W1) / B, "b1": G1.sum(axis=0) / B,
        "W2": (G2.T @ A1 + alpha * W2) / B, "b2": G2.sum(axis=0) / B}
""", "the penalty divided by B too"),
    (6, "no penalty", ret6(W1="Z1_bar.T @ X", W2="Z2_bar.T @ A1"), "missing from both weight gradients"),
    (6, "no penalty in W1", ret6(W1="Z1_bar.T @ X"), "missing from dW1"),
    (6, "no penalty in W2", ret6(W2="Z2_bar.T @ A1"), "missing from dW2"),
    (6, "biases penalised", ret6(b1="Z1_bar.sum(axis=0) + alpha * b1", b2="Z2_bar.sum(axis=0) + alpha * b2"),
     "the biases penalised too"),
    (6, "alpha/2", ret6(W1="Z1_bar.T @ X + alpha / 2 * W1", W2="Z2_bar.T @ A1 + alpha / 2 * W2"),
     "α W / 2 in place of α W"),
    (6, "no ReLU'", ex6(z1_bar="Z2_bar @ W2"), "ReLU' forgotten"),
    (6, "A1 as the mask", ex6(z1_bar="(Z2_bar @ W2) * A1"), "as the mask"),
    (6, "bias means", ret6(b1="Z1_bar.mean(axis=0)", b2="Z2_bar.mean(axis=0)"), "means over the batch"),
    (6, "bias over units", ret6(b1="Z1_bar.sum(axis=1)", b2="Z2_bar.sum(axis=1)"), "summed over the units"),
    (6, "weights transposed", ret6(W1="X.T @ Z1_bar + alpha * W1.T", W2="A1.T @ Z2_bar + alpha * W2.T"),
     "transposed"),
    (6, "Z1 in dW2", ret6(W2="Z2_bar.T @ Z1 + alpha * W2"), "Z1 in place of A1"),
    (6, "softmax over the batch", ex6(z2_bar="(softmax(Z2.T).T - np.eye(W2.shape[0])[y]) / len(y)"),
     "softmax over the batch"),
    (6, "labels not subtracted", ex6(z2_bar="softmax(Z2) / len(y)"), "the one-hot labels are not subtracted"),
    (6, "no biases in forward", """
Z1 = X @ W1.T
A1 = np.maximum(Z1, 0.0)
Z2 = A1 @ W2.T
Z2_bar = (softmax(Z2) - np.eye(W2.shape[0])[y]) / len(y)
Z1_bar = (Z2_bar @ W2) * (Z1 > 0)
return {"W1": Z1_bar.T @ X + alpha * W1, "b1": Z1_bar.sum(axis=0), "W2": Z2_bar.T @ A1 + alpha * W2,
        "b2": Z2_bar.sum(axis=0)}
""", "the biases left out of the forward pass"),
    (6, "W2 transposed going back", ex6(z1_bar="(Z2_bar @ W2.T) * (Z1 > 0)"), "matmul"),
    (6, "keys swapped", ret6(W1="Z2_bar.T @ A1 + alpha * W2", W2="Z1_bar.T @ X + alpha * W1"), "wrong order"),
    (6, "a tuple in another order", ex6(ret="(Z1_bar.T @ X + alpha * W1, Z2_bar.T @ A1 + alpha * W2, "
                                        "Z1_bar.sum(axis=0), Z2_bar.sum(axis=0))"), "wrong order"),
    (6, "missing key", ex6(ret='{"W1": Z1_bar.T @ X + alpha * W1, "W2": Z2_bar.T @ A1 + alpha * W2}'), "missing"),
]
