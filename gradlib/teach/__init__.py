"""Teaching code: one module per chapter topic, each the chapter's derivation in code.

- ``dense``: a dense network as ``[(W^l, b^l, f_l)]`` for the modules below;
- ``index_form``, ``matrix_form``, ``chain_paths``: Chapter 1 (one weight at a time);
- ``softmax_layer``, ``datasets``, ``train``: Chapter 2 (a softmax classifier);
- ``general_gradient``, ``jacobian_modes``: Chapter 3 (the Jacobian of a network's outputs);
- ``sigmoid_network``, ``sequence_task``, ``gradient_flow``: Chapter 4 (sigmoid networks, a task that
  needs memory, how far back a gradient reaches through a recurrent cell);
- ``squared_gradients``, ``sobolev``: Chapter 5 (routes to squared per-example gradients; costs with
  input derivatives: Sobolev training, a Jacobian penalty, Adam);
- ``timing``: ``best_time``, for the chapters' and the benchmarks' timings.
"""
