# Wine helpers for make test-windows (sourced; needs WINEPREFIX, and HERE = this folder).
# shellcheck shell=bash

export WINEDEBUG=${WINEDEBUG:--all}
export WINEARCH=win64
export WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono/Gecko download prompts

win() { "$HERE/win" "$@"; }

# A Unix path as Windows programs see it (Wine maps / to Z:).
wpath() { local p=${1//\//\\}; printf 'Z:%s' "$p"; }

# A fresh prefix, with the two Windows 10 system DLLs that Wine 8 lacks compiled from
# standins/*.c into its system32 (never into the bundle: see no_standin_in_bundle).
make_prefix() {
  local out=$1
  mkdir -p "$out"
  x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -o "$out/icuuc.dll" "$HERE/standins/icuuc.c"
  x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -o "$out/bcryptprimitives.dll" \
    "$HERE/standins/bcryptprimitives.c" -lbcrypt
  wineboot --init
  wineserver -w
  cp "$out/icuuc.dll" "$out/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
  wine_version win10
  echo "Wine $(wine --version), prefix $WINEPREFIX"
}

# null: no display at all (setup, self-tests); x11: real windows on $DISPLAY (the GUI step).
wine_graphics() {
  wineserver -k 2>/dev/null || true
  wine reg add 'HKCU\Software\Wine\Drivers' /v Graphics /d "$1" /f > /dev/null
  wineserver -w
}

# The Windows version Wine reports (win10, win81, win7).
wine_version() {
  wine reg add 'HKCU\Software\Wine' /v Version /d "$1" /f > /dev/null
  wineserver -w
}

# WinPython with every wheel of the downloaded set installed by pip under Wine (2–3 min), kept
# in CACHE by the wheel set's name; DEST gets a copy, so builds never write into the cache.
install_python() {
  local winpython=$1 wheels=$2 dest=$3
  local cached=$CACHE/python/$(basename "$wheels")
  if [ ! -f "$cached/.complete" ]; then
    rm -rf "$cached" "$cached.partial"
    mkdir -p "$(dirname "$cached")"
    cp -a "$winpython" "$cached.partial"
    local files=()
    for f in "$wheels"/*.whl; do files+=("$(wpath "$f")"); done
    win "$cached.partial/python.exe" -m pip install --no-index --no-warn-script-location \
      --quiet --disable-pip-version-check --no-compile "${files[@]}"
    touch "$cached.partial/.complete"
    mv "$cached.partial" "$cached"
  else
    echo "cached: $cached"
  fi
  rm -rf "$dest"
  cp -a "$cached" "$dest"
  win "$dest/python.exe" -c "import sys, PySide6, sqlcipher3, cryptography; print(sys.version.split()[0], 'PySide6', PySide6.__version__)"
}

# PyInstaller under Wine: SRC/dist/sotreem. Each build has its own PyInstaller cache
# (PYINSTALLER_CONFIG_DIR), so the previous release can build beside the current one.
build_bundle() {
  local python=$1 src=$2
  (cd "$src" && PYINSTALLER_CONFIG_DIR=$(wpath "$src/build/pyinstaller-cache") \
    win "$python/python.exe" -m PyInstaller installer/sotreem.spec --noconfirm \
    --distpath "$(wpath "$src/dist")" --workpath "$(wpath "$src/build/pyinstaller")")
}

# Inno Setup's compiler (32-bit: needs wine32). The .iss's OutputDir is ..\dist.
iscc() {
  local script=$1
  shift
  win "$CACHE/npm/$INNOSETUP/package/bin/ISCC.exe" /Q "$@" "$(wpath "$script")"
}

# Per-user setup with no window and no question. Nothing may wait for an answer: a setup or
# uninstaller still running after 5 minutes has hung, and fails the step (exit code 124).
setup_silent() {
  local setup=$1 log=$2 rc=0
  timeout 300 "$HERE/win" "$setup" /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER /NORESTART \
    "/LOG=$(wpath "$log")" || rc=$?
  timeout 120 wineserver -w || { [ "$rc" -ne 0 ] || rc=124; }
  echo "setup $(basename "$setup"): exit code $rc"
  return "$rc"
}

uninstall_silent() {
  local log=$1 rc=0
  timeout 300 "$HERE/win" "$APP_DIR/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
    "/LOG=$(wpath "$log")" || rc=$?
  # the uninstaller ends in a copy of itself that deletes the original: wait for it
  timeout 120 wineserver -w || { [ "$rc" -ne 0 ] || rc=124; }
  echo "uninstall: exit code $rc"
  return "$rc"
}

stop_wine() { [ -d "${WINEPREFIX:-/nonexistent}" ] && wineserver -k 2>/dev/null || true; }
