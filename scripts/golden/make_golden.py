#!/usr/bin/env python3
"""Writes compact LiteRT golden files for Echt's interpreter tests.

For each of the five MediaPipe models, runs LiteRT (ai-edge-litert, in a venv this script creates
under ~/.cache/echt/venv-litert) on deterministic pseudo-random inputs and writes
Tests/EchtInferenceTests/Golden/<model>.json with, per output tensor (in subgraph order): the shape,
sum, sum of squares, min, max, and the values themselves (all of them for tensors up to 2048
values, otherwise every k-th value). The Swift tests regenerate the same inputs and compare.

Usage: python3 scripts/golden/make_golden.py
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import litert_common as common  # noqa: E402

common.ensure_venv(__file__)

import ai_edge_litert  # noqa: E402
import numpy as np  # noqa: E402

SEEDS = [1, 2]
FULL_LIMIT = 2048
SAMPLES = 512


def summarize(values: np.ndarray) -> dict:
    flat = values.reshape(-1).astype(np.float32)
    stride = 1 if flat.size <= FULL_LIMIT else -(-flat.size // SAMPLES)
    return {
        "shape": list(values.shape),
        "sum": float(flat.astype(np.float64).sum()),
        "sumOfSquares": float((flat.astype(np.float64) ** 2).sum()),
        "min": float(flat.min()),
        "max": float(flat.max()),
        "stride": stride,
        "values": [float(f"{v:.8g}") for v in flat[::stride]],
    }


def main() -> None:
    out_dir = Path(__file__).resolve().parents[2] / "Tests/EchtInferenceTests/Golden"
    out_dir.mkdir(parents=True, exist_ok=True)
    version = getattr(ai_edge_litert, "__version__", "unknown")
    for name in common.MODELS:
        it = common.interpreter(name)
        inp = it.get_input_details()[0]
        shape = [int(d) for d in inp["shape"]]
        runs = []
        for seed in SEEDS:
            x = common.lcg_inputs(int(np.prod(shape)), seed).reshape(shape)
            it.set_tensor(inp["index"], x)
            it.invoke()
            outputs = [it.get_tensor(d["index"]) for d in it.get_output_details()]
            runs.append({"seed": seed, "inputSum": float(x.astype(np.float64).sum()),
                         "outputs": [summarize(o) for o in outputs]})
        doc = {"model": name, "litert": version, "inputShape": shape,
               "generator": "lcg32: state = state*1664525 + 1013904223; value = (state >> 8) / 2^23 - 1",
               "runs": runs}
        path = out_dir / f"{name}.json"
        path.write_text(json.dumps(doc, separators=(",", ":")))
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
