"""`make bench`: run every benchmark script in bench/ (bench_*.py) and print their tables.

Timings are ratios measured in one run (absolute times are noisy on shared machines); each
script prints its own table and exits non-zero only when it cannot run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only = set(argv)
    status = 0
    for script in sorted(HERE.glob("bench_*.py")):
        name = script.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        print(f"\n=== {name} ===", flush=True)
        status |= subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
