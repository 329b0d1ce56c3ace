#!/bin/sh
# Creates the reference-reader virtual environment: c2pa-python (c2pa-rs) from PyPI.
# Usage: scripts/c2pa/setup.sh   → prints the venv's python path
# ECHT_C2PA_VENV overrides the location (default ~/.cache/echt/c2pa-venv).
set -eu
VENV="${ECHT_C2PA_VENV:-$HOME/.cache/echt/c2pa-venv}"
if ! "$VENV/bin/python" -c "import c2pa" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check c2pa-python==0.38.1
fi
echo "$VENV/bin/python"
