#!/usr/bin/env bash
# Instructions (callgrind's Ir) of one unsigned three-look studio run: a noise-free measure of
# CPU work for changes too small for wall or CPU time on a shared machine.
#
# Usage: scripts/bench/instructions.sh PHOTO [BINARY]
#   BINARY: an echt-bench build (default: .build-test/release/echt-bench, else .build/release/echt-bench).
#   TOP=N      functions to list (default 25; 0 lists none)
#   OUT=FILE   keep callgrind's output there (default: a temporary file, removed)
#
# Runs `echt-bench --studio PHOTO --runs 1 --no-sign` under `valgrind --tool=callgrind` and prints
# the process's total Ir (model loading and the benchmark's libvips floor included; both are the
# same for builds that leave them alone), then the top functions by self and by inclusive Ir,
# Swift names demangled. Callgrind runs the threads one at a time, so the figure does not depend
# on the machine's load; about 3-5 minutes for a 14 MP photo.
#
# Three workarounds, all needed with Valgrind 3.19 and the Swift 6 toolchain:
# - valgrind aborts reading the DWARF 5 debug info of Swift binaries ("unhandled dwarf2 abbrev
#   form code 0x25 ... Giving up"), so the binary is run from a copy with its debug info stripped
#   (`objcopy --strip-debug`); the symbol table stays, so functions keep their names.
# - the `echt` command itself crashes valgrind as it starts its first threads (its async main
#   parks the main thread in `rt_sigsuspend`), so the measure runs `echt-bench`, whose main is
#   synchronous and runs the same `StudioSession` as `echt studio`.
# - with Valgrind's default (unfair) thread scheduling, a run whose pool workers hand parallel
#   pieces to each other parked every thread on a futex inside a libvips resize, no libvips worker
#   thread left (2026-11-29; the same build finishes natively and under --tool=none), so threads
#   take turns with --fair-sched=yes. The count of instructions does not depend on it.
set -euo pipefail

photo=${1:?usage: $0 PHOTO [BINARY]}
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${2:-}
if [[ -z $binary ]]; then
    for candidate in "$root/.build-test/release/echt-bench" "$root/.build/release/echt-bench"; do
        [[ -x $candidate ]] && { binary=$candidate; break; }
    done
fi
[[ -n $binary && -x $binary ]] || { echo "no echt-bench binary (build it or pass one)" >&2; exit 1; }
photo=$(cd "$(dirname "$photo")" && pwd)/$(basename "$photo")
top=${TOP:-25}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
objcopy --strip-debug "$binary" "$work/echt-bench"
out=${OUT:-$work/callgrind.out}

valgrind --tool=callgrind --fair-sched=yes --callgrind-out-file="$out" \
    "$work/echt-bench" --studio "$photo" --runs 1 --no-sign >"$work/log" 2>&1 \
    || { tail -30 "$work/log" >&2; exit 1; }

total=$(awk '/^(summary|totals):/ {print $2; exit}' "$out")
printf 'binary: %s\nphoto: %s\ntotal Ir: %s\n' "$binary" "$(basename "$photo")" "$(echo "$total" | sed -E ':a; s/([0-9])([0-9]{3})($|,)/\1,\2\3/; ta')"

if (( top > 0 )); then
    demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }
    for mode in self inclusive; do
        flag=no; [[ $mode == inclusive ]] && flag=yes
        echo; echo "top $top by $mode Ir:"
        callgrind_annotate --inclusive=$flag "$out" 2>/dev/null \
            | awk '/file:function/ {on=1; getline; next} on && NF' | head -n "$top" \
            | sed -E 's# \[[^]]*/echt-bench\]$##; s# \[[^]]*/([^]/]*)\]$# [\1]#; s/\?\?\?://' | demangle | cut -c1-200
    done
fi
