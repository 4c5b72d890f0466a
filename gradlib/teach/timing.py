"""Timing for the chapters and the benchmarks: the best of a few runs, on a shared, noisy machine."""
import time


def best_time(work, repeats=3):
    """The fastest of ``repeats`` runs of ``work()``, in seconds (the least disturbed by other jobs)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)
