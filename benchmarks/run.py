"""Run every benchmark: `make bench` (full sizes) or `python benchmarks/run.py --quick`.

Each `benchmarks/bench_*.py` defines `main(quick: bool) -> list[str]`, measures
everything it compares in the same run, and reports ratios (the machines are
shared and noisy, so absolute times are printed for context only).
"""
import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run for the tests")
    args = parser.parse_args(argv)
    benches = sorted(HERE.glob("bench_*.py"))
    for path in benches:
        print(f"== {path.stem}")
        for line in load(path).main(quick=args.quick):
            print(f"   {line}")
    return 0 if benches else 1


if __name__ == "__main__":
    sys.exit(main())
