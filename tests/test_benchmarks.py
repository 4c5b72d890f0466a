"""The benchmarks still run: each one once at tiny sizes (no timing is asserted)."""
import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


def test_every_benchmark_runs_at_tiny_sizes_and_reports_a_ratio():
    result = subprocess.run([sys.executable, str(RUN), "--quick"], capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    sections = result.stdout.split("== ")[1:]
    assert sections, "no benchmarks/bench_*.py found"
    for section in sections:
        assert "ratio" in section, f"benchmark reports no ratio:\n{section}"
