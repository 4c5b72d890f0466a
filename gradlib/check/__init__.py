"""Checkers: every derivative gradlib computes, against central differences.

- ``numeric``: central differences, ``rel_error``, and the one-line-per-quantity
  ``GradReport``; ``check_grad`` (a scalar function) and ``check_derivatives``
  (an elementwise f', f'').
- ``layer``: a layer's or a network's backward, tangents, double backprop,
  per-example gradients and Jacobians (``check_layer``, ``check_loss``,
  ``check_tangent``, ``check_backward_tangent``, ``check_per_example``,
  ``check_jacobian``).
- ``exercise``: the learners' self-check, ``check_answer`` (an array) and
  ``check_function`` (a function, on several cases), which name the mistake.
- ``selfcheck``: the pytest plugin that runs an exercise notebook as the self-check
  (``make check``); loaded by pytest only, never by ``import gradlib``.
"""
from .exercise import ExerciseError, check_answer, check_function, diagnose
from .layer import (check_backward_tangent, check_jacobian, check_layer, check_loss, check_per_example,
                    check_tangent)
from .numeric import (TOL, GradCheck, GradReport, check_derivatives, check_grad, numerical_grad,
                      numerical_jacobian, numerical_jvp, rel_error)

__all__ = [
    "TOL", "ExerciseError", "GradCheck", "GradReport", "check_answer", "check_function", "check_backward_tangent",
    "check_derivatives", "check_grad", "check_jacobian", "check_layer", "check_loss",
    "check_per_example", "check_tangent", "diagnose", "numerical_grad", "numerical_jacobian",
    "numerical_jvp", "rel_error",
]
