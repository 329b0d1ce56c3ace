#!/usr/bin/env python3
"""Writes compact LiteRT golden files for Echt's interpreter tests.

For each of the five MediaPipe models, runs LiteRT (ai-edge-litert, in a venv this script creates
under ~/.cache/echt/venv-litert) on deterministic pseudo-random inputs and writes
Tests/EchtInferenceTests/Golden/<model>.json with, per output tensor (in subgraph order): the shape,
sum, sum of squares, min, max, and the values themselves (all of them for tensors up to 2048
values, otherwise every k-th value). Inputs: two seeded pseudo-random tensors, which the Swift
tests regenerate, and, when ../shared/docs is present, the preprocessed sample portrait tensors
from shared/docs/models/golden (the Swift tests read the same files and skip those runs without them).

Usage: python3 scripts/golden/make_golden.py
"""
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import litert_common as common  # noqa: E402

common.ensure_venv(__file__)

import ai_edge_litert  # noqa: E402
import numpy as np  # noqa: E402

SEEDS = [1, 2]
# The preprocessed sample portrait (shared/docs/models/golden, written by reference_outputs.py).
PORTRAIT_INPUTS = {
    "face_detection_short_range": ["det_short_range_input.f32"],
    "face_detection_full_range_sparse": ["det_full_range_sparse_input.f32"],
    "face_landmark": ["mesh_input.f32"],
    "iris_landmark": ["iris_left_input.f32", "iris_right_input.f32"],
    "selfie_segmentation": ["selfie_input.f32"],
}


def shared_golden_dir():
    """shared/docs/models/golden beside the checkout or any of its ancestors, if present."""
    env = os.environ.get("ECHT_SHARED_DOCS")
    candidates = [Path(env) / "models/golden"] if env else []
    for parent in Path(__file__).resolve().parents:
        candidates.append(parent / "shared/docs/models/golden")
    return next((c for c in candidates if (c / "golden.json").exists()), None)
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
        inputs = [({"seed": seed}, common.lcg_inputs(int(np.prod(shape)), seed).reshape(shape)) for seed in SEEDS]
        shared = shared_golden_dir()
        for file_name in PORTRAIT_INPUTS[name] if shared else []:
            x = np.fromfile(shared / file_name, dtype="<f4").reshape(shape)
            inputs.append(({"inputFile": file_name}, x))
        runs = []
        for key, x in inputs:
            it.set_tensor(inp["index"], x)
            it.invoke()
            outputs = [it.get_tensor(d["index"]) for d in it.get_output_details()]
            runs.append({**key, "inputSum": float(x.astype(np.float64).sum()),
                         "outputs": [summarize(o) for o in outputs]})
        doc = {"model": name, "litert": version, "inputShape": shape,
               "generator": "lcg32: state = state*1664525 + 1013904223; value = (state >> 8) / 2^23 - 1",
               "runs": runs}
        path = out_dir / f"{name}.json"
        path.write_text(json.dumps(doc, separators=(",", ":")))
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
