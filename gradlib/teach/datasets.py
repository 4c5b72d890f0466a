"""Small generated datasets for the chapters: seeded, so every figure is reproducible."""
import numpy as np


def spirals(n_per_class, n_classes=3, noise=0.2, rng=None):
    """Points on ``n_classes`` interleaved spiral arms in the plane, one arm per class.

    Point ``i`` of class ``k`` has radius ``r = i / (n_per_class - 1)`` in [0, 1] and
    angle ``2 pi k / n_classes + 4 r + noise * N(0, 1)``; no straight line
    separates the classes. Returns ``X: (n_classes * n_per_class, 2)`` (float64)
    and ``labels: (n_classes * n_per_class,)`` (int64), class by class.
    Used in Chapter 2 (a softmax classifier).
    """
    if not (isinstance(n_per_class, (int, np.integer)) and n_per_class >= 2):
        raise ValueError(f"spirals: n_per_class must be an integer >= 2, got {n_per_class!r}")
    if not (isinstance(n_classes, (int, np.integer)) and n_classes >= 2):
        raise ValueError(f"spirals: n_classes must be an integer >= 2, got {n_classes!r}")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"spirals: noise must be a finite number >= 0, got {noise!r}")
    rng = np.random.default_rng(0) if rng is None else rng
    r = np.tile(np.linspace(0.0, 1.0, n_per_class), n_classes)
    labels = np.repeat(np.arange(n_classes), n_per_class)
    angle = 2 * np.pi * labels / n_classes + 4.0 * r + noise * rng.standard_normal(r.size)
    X = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return X, labels
