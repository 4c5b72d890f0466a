"""Chapter 3's figure of what a Jacobian costs: time against the number of outputs, in both modes."""
import matplotlib.pyplot as plt


def plot_mode_times(outputs, reverse, forward, n0):
    """Seconds for the input Jacobian against the output dimension ``K``, reverse and forward mode.

    ``reverse`` and ``forward`` are as ``gradlib.teach.jacobian_modes.time_modes`` returns them;
    the dotted line marks ``K = n0``, where the two modes make the same number of passes.
    """
    fig, ax = plt.subplots(figsize=(5.6, 3.8))
    fig.subplots_adjust(left=0.15, right=0.97, bottom=0.15, top=0.9)
    ax.loglog(outputs, [1e3 * t for t in reverse], "o-", color="tab:red",
              label="reverse: one backward pass per output")
    ax.loglog(outputs, [1e3 * t for t in forward], "s--", color="tab:blue",
              label="forward: one tangent pass per input")
    ax.axvline(n0, color="gray", ls=":", lw=1)
    ax.annotate(f"$K = n_0 = {n0}$", (n0, ax.get_ylim()[1]), xytext=(4, -14),
                textcoords="offset points", fontsize=10, color="gray")
    ax.set_xlabel("number of outputs $K$", fontsize=11)
    ax.set_ylabel("time for $J_x$ (ms)", fontsize=11)
    ax.set_title(f"Input Jacobian, $n_0 = {n0}$ inputs", fontsize=11)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=9, loc="upper left")
    plt.close(fig)
    return fig
