"""Shared helpers for Echt's LiteRT reference scripts (golden files and benchmark timings).

The pseudo-random input generator is mirrored bit for bit by the Swift tests
(Tests/EchtInferenceTests/GoldenInputs.swift): a 32-bit LCG whose top 24 bits map to [-1, 1).
"""
import os
import subprocess
import sys
from pathlib import Path

MODELS = [
    "face_detection_short_range",
    "face_detection_full_range_sparse",
    "face_landmark",
    "iris_landmark",
    "selfie_segmentation",
]


def models_dir() -> Path:
    env = os.environ.get("ECHT_MODELS")
    return Path(env) if env else Path.home() / ".cache/echt/models"


def venv_dir() -> Path:
    env = os.environ.get("ECHT_LITERT_VENV")
    return Path(env) if env else Path.home() / ".cache/echt/venv-litert"


def ensure_venv(script: str) -> None:
    """Re-executes `script` inside a venv holding ai-edge-litert and numpy, creating it if needed."""
    try:
        import numpy  # noqa: F401
        from ai_edge_litert.interpreter import Interpreter  # noqa: F401
        return
    except ImportError:
        pass
    venv = venv_dir()
    python = venv / "bin" / "python"
    if os.environ.get("ECHT_LITERT_REEXEC"):
        sys.exit(f"ai-edge-litert is still missing in {venv}; delete that folder and retry")
    if not python.exists():
        print(f"creating {venv} (ai-edge-litert, numpy from PyPI)", file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
        subprocess.check_call([str(python), "-m", "pip", "install", "-q", "ai-edge-litert", "numpy"])
    env = dict(os.environ, ECHT_LITERT_REEXEC="1")
    os.execve(str(python), [str(python), script, *sys.argv[1:]], env)


def lcg_inputs(count: int, seed: int):
    """`count` float32 values in [-1, 1): state = state·1664525 + 1013904223 (mod 2³²), value = (state >> 8)/2²³ − 1."""
    import numpy as np
    out = np.empty(count, dtype=np.float32)
    state = seed & 0xFFFFFFFF
    for i in range(count):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        out[i] = np.float32((state >> 8) / 8388608.0 - 1.0)
    return out


def interpreter(name: str, threads: int = 1):
    from ai_edge_litert.interpreter import Interpreter
    it = Interpreter(model_path=str(models_dir() / f"{name}.tflite"), num_threads=threads)
    it.allocate_tensors()
    return it
