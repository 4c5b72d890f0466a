"""Input validation shared by every layer: clear errors, never silent broadcasting."""
import numpy as np


def _fmt_shape(shape):
    """Render an expected shape: a name stands for any size, ``None`` is named by position.

    ``("B", 3)`` -> '(B, 3)'; ``(None, None)`` -> '(B, n)'; ``("B", "n0", 4)`` -> '(B, n0, 4)'.
    """
    free = ("B", "n", "m")
    parts = [free[i] if s is None else str(s) for i, s in enumerate(shape)]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def _rank_hint(shape, got):
    """Say what an array with one axis too many most likely is."""
    if len(got) == len(shape) + 1 and len(shape) == 2:
        return ("; one axis too many: a time-major sequence (T, B, n)? This layer takes "
                "one step (B, n) at a time")
    return f" (rank {len(got)}, expected rank {len(shape)})" if len(got) != len(shape) else ""


def check_float_array(where, name, x, shape):
    """Return ``x`` as a float64 array, or raise a ValueError that names ``where``.

    ``shape`` is the expected shape; ``None`` and named entries such as ``"B"`` match any size.
    Rejects non-arrays, integer and boolean arrays, wrong rank or size, NaN and inf.
    """
    if not isinstance(x, np.ndarray):
        raise ValueError(f"{where}: {name} must be a NumPy array of shape "
                         f"{_fmt_shape(shape)}, got {type(x).__name__}")
    if not np.issubdtype(x.dtype, np.floating):
        raise ValueError(f"{where}: {name} must be a float array, got dtype {x.dtype} "
                         f"(convert with {name}.astype(np.float64))")
    if x.ndim != len(shape) or any(isinstance(s, (int, np.integer)) and s != d for s, d in zip(shape, x.shape)):
        raise ValueError(f"{where}: {name} must have shape {_fmt_shape(shape)}, "
                         f"got {x.shape}{_rank_hint(shape, x.shape)}")
    if x.size == 0:
        raise ValueError(f"{where}: {name} must not be empty, got shape {x.shape}")
    if not np.all(np.isfinite(x)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(x))[0])
        raise ValueError(f"{where}: {name} contains {x[bad]} at index {bad}; "
                         f"inputs must be finite")
    return x.astype(np.float64, copy=False)


def check_labels(where, labels, batch, classes):
    """Return integer class labels of shape (batch,), each in [0, classes)."""
    if not isinstance(labels, np.ndarray):
        raise ValueError(f"{where}: labels must be a NumPy integer array of shape "
                         f"({batch},), got {type(labels).__name__}")
    if not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(f"{where}: labels must be integers in [0, {classes}), "
                         f"got dtype {labels.dtype}")
    if labels.shape != (batch,):
        raise ValueError(f"{where}: labels must have shape ({batch},) to match the "
                         f"batch of logits, got {labels.shape}")
    out = (labels < 0) | (labels >= classes)
    if out.any():
        i = int(np.argmax(out))
        raise ValueError(f"{where}: labels must lie in [0, {classes}), "
                         f"got {labels[i]} at index {i}")
    return labels
