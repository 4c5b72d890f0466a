"""Chapter 3: wrong answers a learner writes, and the words each verdict must say.

Format of the lead's template (tests/mistakes/README.md on main once it lands):
``(exercise number, what the learner did, the learner's code, words of the verdict)``;
the code replaces the exercise's solution block.
"""
EX1 = """
v = W @ x + b
return np.einsum("mj,i->mji", np.diag({}), x)
"""
EX2 = """
v, a = [], x
for W, b, f in layers:
    v.append({})
    a = {}
delta = {}
for k in range(len(layers) - 1, 0, -1):
    delta = {}
return delta
"""
EX2_RIGHT = dict(field="W @ a + b", act="f.f(v[-1])", top="np.diag(layers[-1][2].df(v[-1]))",
                 step="delta @ layers[k][0] @ np.diag(layers[k - 1][2].df(v[k - 1]))")


def ex2(**changes):
    parts = dict(EX2_RIGHT, **changes)
    return EX2.format(parts["field"], parts["act"], parts["top"], parts["step"])


EX3 = """
v, a = local_fields(layers, x)
delta = delta_matrices(layers, v)
return {}
"""
EX4 = """
(W1, b1, f1), (W2, b2, f2), (W3, b3, f3) = layers
v1 = W1 @ x + b1
v2 = W2 @ f1.f(v1) + b2
v3 = W3 @ f2.f(v2) + b3
G3 = {}
G2 = np.diag(f2.df(v2)) @ W3.T @ G3
G1 = {}
return {}
"""


def ex4(G3="np.diag(f3.df(v3))", G1="np.diag(f1.df(v1)) @ W2.T @ G2", ret="(W1.T @ G1).T"):
    return EX4.format(G3, G1, ret)


EX5 = """
x = np.array(x0, dtype=float)
for _ in range({}):
    y = net.forward(x[None])
    seed = {}
    x = x + {}
    x = {}
return x
"""
EX5_RIGHT = dict(loop="steps", seed="np.eye(y.shape[1])[[m]]", step="lr * net.backward(seed)[0]",
                 proj="x * min(1.0, radius / np.linalg.norm(x))")


def ex5(**changes):
    parts = dict(EX5_RIGHT, **changes)
    return EX5.format(parts["loop"], parts["seed"], parts["step"], parts["proj"])


MISTAKES = [
    # Exercise 1: layer_weight_jacobian(W, b, x), dy_m/dW_ji of y = tanh(W x + b).
    (1, "tanh' of the output", EX1.format("1 - np.tanh(np.tanh(v)) ** 2"), "tanh' taken at the output y"),
    (1, "1 - v**2", EX1.format("1 - v ** 2"), "1 - v²"),
    (1, "no tanh'", EX1.format("np.ones_like(v)"), "leaving out tanh'"),
    (1, "tanh for tanh'", EX1.format("np.tanh(v)"), "tanh itself in place of its derivative"),
    (1, "sech, not sech squared", EX1.format("1 / np.cosh(v)"), "the square forgotten"),
    (1, "no bias in tanh'", EX1.format("1 - np.tanh(W @ x) ** 2"), "without the bias"),
    (1, "sign flipped", EX1.format("np.tanh(v) ** 2 - 1"), "sign flipped"),
    (1, "every output row filled", """
        v = W @ x + b
        return np.broadcast_to(np.outer(1 - np.tanh(v) ** 2, x), (len(b), len(b), len(x)))""",
     "tanh'(v_j) x_i in every output row m"),
    (1, "every weight row filled", """
        v = W @ x + b
        return np.einsum("m,i->mi", 1 - np.tanh(v) ** 2, x)[:, None, :] * np.ones((1, len(b), 1))""",
     "tanh'(v_m) x_i for every weight row j"),
    (1, "axes j and i swapped", """
        v = W @ x + b
        return np.einsum("mj,i->mij", np.diag(1 - np.tanh(v) ** 2), x)""", "wrong shape"),
    (1, "the input Jacobian instead", """
        v = W @ x + b
        return np.diag(1 - np.tanh(v) ** 2) @ W""", "an axis is missing"),
    (1, "matrix product with x", """
        v = W @ x + b
        return np.diag(1 - np.tanh(v) ** 2) @ x""", "your code raised ValueError"),
    (1, "no return", """
        v = W @ x + b
        J = np.einsum("mj,i->mji", np.diag(1 - np.tanh(v) ** 2), x)""", "forget to `return`"),

    # Exercise 2: bottom_delta(layers, x), Ukkonen's recursion down to delta^(1).
    (2, "f' of the layer above", ex2(step="delta @ layers[k][0] @ np.diag(layers[k][2].df(v[k - 1]))"),
     "f' of the layer above"),
    (2, "f' at the activation", ex2(top="np.diag(layers[-1][2].df(layers[-1][2].f(v[-1])))",
                                    step="delta @ layers[k][0] @ np.diag(layers[k - 1][2].df(layers[k - 1][2].f(v[k - 1])))"),
     "at the activation a^(k-1)"),
    (2, "identity at the top", ex2(top="np.eye(len(v[-1]))"), "starting from the identity"),
    (2, "a vector at the top", ex2(top="layers[-1][2].df(v[-1])"), "summed outputs"),
    (2, "no f' below the top", ex2(step="delta @ layers[k][0]"), "leaving out f' in the recursion"),
    (2, "diag f' on the wrong side", ex2(step="delta @ np.diag(layers[k][2].df(v[k])) @ layers[k][0]"),
     "wrong order"),
    (2, "no biases", ex2(field="W @ a"), "without the biases"),
    (2, "no activations", ex2(act="v[-1]"), "without the activations"),
    (2, "one layer short", """
        v, a = [], x
        for W, b, f in layers:
            v.append(W @ a + b)
            a = f.f(v[-1])
        delta = np.diag(layers[-1][2].df(v[-1]))
        for k in range(len(layers) - 1, 1, -1):
            delta = delta @ layers[k][0] @ np.diag(layers[k - 1][2].df(v[k - 1]))
        return delta""", "stopping one layer short"),
    (2, "W transposed", ex2(step="delta @ layers[k][0].T @ np.diag(layers[k - 1][2].df(v[k - 1]))"),
     "your code raised ValueError"),
    (2, "f' at the field above", ex2(step="delta @ layers[k][0] @ np.diag(layers[k - 1][2].df(v[k]))"),
     "your code raised ValueError"),
    (2, "no return", ex2().replace("return delta", "delta = delta"), "forget to `return`"),

    # Exercise 3: weight_jacobian(layers, x, k) from delta^(k) and the layer's input.
    (3, "own output", EX3.format('np.einsum("mj,i->mji", delta[k], a[k + 1])'), "own output a^(k)"),
    (3, "x for every layer", EX3.format('np.einsum("mj,i->mji", delta[k], x)'), "the input x in place"),
    (3, "g_i literally", EX3.format('np.einsum("mj,i->mji", delta[k], a[1])'), "g_i taken literally"),
    (3, "the field", EX3.format('np.einsum("mj,i->mji", delta[k], v[k - 1] if k > 0 else x)'),
     "the field v^(k-1)"),
    (3, "delta of the layer below", EX3.format('np.einsum("mj,i->mji", delta[k - 1], a[k])'), "layer below"),
    (3, "delta of the layer above", EX3.format('np.einsum("mj,i->mji", delta[k + 1], a[k])'), "layer above"),
    (3, "only m = j", EX3.format('np.einsum("mj,i->mji", delta[k] * np.eye(*delta[k].shape), a[k])'),
     "only the entries with m = j"),
    (3, "bias Jacobian", EX3.format('np.broadcast_to(delta[k][:, :, None], delta[k].shape + a[k].shape)'),
     "the bias Jacobian"),
    (3, "sign", EX3.format('-np.einsum("mj,i->mji", delta[k], a[k])'), "sign flipped"),
    (3, "summed over outputs", EX3.format('np.einsum("mj,i->ji", delta[k], a[k])'), "an axis is missing"),
    (3, "axes swapped", EX3.format('np.einsum("mj,i->mij", delta[k], a[k])'), "wrong shape"),
    (3, "no return", EX3.format('np.einsum("mj,i->mji", delta[k], a[k])').replace("return ", "J = "),
     "forget to `return`"),

    # Exercise 4: fixed_input_jacobian, the colleague's dropped transpose.
    (4, "left unchanged", ex4(G1="np.diag(f1.df(v1)) @ W2 @ G2"), "unchanged"),
    (4, "f_2' at v^(1)", ex4(G1="np.diag(f2.df(v1)) @ W2.T @ G2"), "f' of layer 2 at v^(1)"),
    (4, "f_1' at v^(2)", ex4(G1="np.diag(f1.df(v2)) @ W2.T @ G2"), "f_1' at v^(2)"),
    (4, "no f_1'", ex4(G1="W2.T @ G2"), "dropping diag f_1'"),
    (4, "no f_3'", ex4(G3="np.eye(len(v3))"), "without f_3'"),
    (4, "no final transpose", ex4(ret="W1.T @ G1"), "transpose"),
    (4, "sign", ex4(ret="-(W1.T @ G1).T"), "sign flipped"),
    (4, "transposed W1 dropped too", ex4(ret="(W1 @ G1).T"), "your code raised ValueError"),
    (4, "G2 W2 order", ex4(G1="np.diag(f1.df(v1)) @ G2 @ W2"), "your code raised ValueError"),
    (4, "W3 untransposed as well", ex4().replace("W3.T @ G3", "W3 @ G3"), "your code raised ValueError"),
    (4, "no return", ex4().replace("return (W1.T @ G1).T", "J = (W1.T @ G1).T"), "forget to `return`"),

    # Exercise 5: maximise_output, projected gradient ascent on the input.
    (5, "descent", ex5(step="-lr * net.backward(seed)[0]"), "descent, not ascent"),
    (5, "seed of ones", ex5(seed="np.ones_like(y)"), "seeding backward with ones"),
    (5, "seed y", ex5(seed="y.copy()"), "seeding backward with the output y"),
    (5, "no projection", ex5(proj="x"), "never pulling x back"),
    (5, "clipped coordinates", ex5(proj="np.clip(x, -radius, radius)"), "clipping each coordinate"),
    (5, "always on the circle", ex5(proj="x * radius / np.linalg.norm(x)"), "always scaling x onto the circle"),
    (5, "no lr", ex5(step="net.backward(seed)[0]"), "leaving out the step size"),
    (5, "normalised step", ex5(step="lr * net.backward(seed)[0] / np.linalg.norm(net.backward(seed)[0])"),
     "normalised gradient"),
    (5, "one step", ex5(loop="1"), "a single step"),
    (5, "output 0", ex5(seed="np.eye(y.shape[1])[[0]]"), "climbing output 0 whatever m is"),
    (5, "project first", """
        x = np.array(x0, dtype=float)
        for _ in range(steps):
            x = x * min(1.0, radius / np.linalg.norm(x))
            y = net.forward(x[None])
            x = x + lr * net.backward(np.eye(y.shape[1])[[m]])[0]
        return x""", "before the step instead of after"),
    (5, "no return", ex5().replace("return x", "x = x"), "forget to `return`"),
]
