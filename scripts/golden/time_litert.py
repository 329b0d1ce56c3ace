#!/usr/bin/env python3
"""Times LiteRT (XNNPACK delegate, num_threads=1 unless given) on each model; prints JSON
{model: median_ms}. Called by the echt-bench executable so both run on the same machine and run.

Usage: python3 scripts/golden/time_litert.py [--runs N] [--threads T]
"""
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import litert_common as common  # noqa: E402

common.ensure_venv(__file__)

import numpy as np  # noqa: E402


def main() -> None:
    args = sys.argv[1:]
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 50
    threads = int(args[args.index("--threads") + 1]) if "--threads" in args else 1
    result = {}
    for name in common.MODELS:
        it = common.interpreter(name, threads)
        inp = it.get_input_details()[0]
        shape = [int(d) for d in inp["shape"]]
        it.set_tensor(inp["index"], common.lcg_inputs(int(np.prod(shape)), 1).reshape(shape))
        for _ in range(5):
            it.invoke()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            it.invoke()
            times.append((time.perf_counter() - start) * 1000)
        result[name] = float(np.median(times))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
