#!/usr/bin/env bash
# Before `make run`: the Debian/Ubuntu libraries Qt's xcb plugin needs to open a window.
#
# The PySide6 wheel brings Qt but not the X libraries its xcb platform plugin links to; without
# them Qt aborts with "Could not load the Qt platform plugin xcb". This asks `ldd` which of the
# plugin's libraries this machine lacks, installs their packages when it may (root, or sudo
# without a password), and otherwise names them with the exact apt command, before Qt starts.
# A machine that has them all pays one `ldd` and nothing else.
#
# usage: bash scripts/setup_desktop.sh [VENV]     (default .venv)
set -euo pipefail

venv="${1:-.venv}"

# Another platform chosen on purpose (offscreen, wayland, vnc …) needs none of this.
if [ -n "${QT_QPA_PLATFORM:-}" ] && [ "${QT_QPA_PLATFORM%%:*}" != "xcb" ]; then
  exit 0
fi

plugins=$(compgen -G "$venv/lib/python3*/site-packages/PySide6/Qt/plugins" | head -n 1 || true)
if [ -z "$plugins" ]; then
  echo "No PySide6 in $venv: run make first." >&2
  exit 1
fi

# The Debian package of each library the plugin (and its GL integration) links to, beyond the
# base system: found with `ldd` on PySide6's libqxcb.so and `dpkg -S` on each library.
declare -A package_of=(
  [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libGLX.so.0]=libglx0
  [libGLdispatch.so.0]=libglvnd0 [libOpenGL.so.0]=libopengl0
  [libX11.so.6]=libx11-6 [libX11-xcb.so.1]=libx11-xcb1 [libXau.so.6]=libxau6
  [libXdmcp.so.6]=libxdmcp6 [libxcb.so.1]=libxcb1 [libxcb-cursor.so.0]=libxcb-cursor0
  [libxcb-glx.so.0]=libxcb-glx0 [libxcb-icccm.so.4]=libxcb-icccm4
  [libxcb-image.so.0]=libxcb-image0 [libxcb-keysyms.so.1]=libxcb-keysyms1
  [libxcb-randr.so.0]=libxcb-randr0 [libxcb-render.so.0]=libxcb-render0
  [libxcb-render-util.so.0]=libxcb-render-util0 [libxcb-shape.so.0]=libxcb-shape0
  [libxcb-shm.so.0]=libxcb-shm0 [libxcb-sync.so.1]=libxcb-sync1
  [libxcb-util.so.1]=libxcb-util1 [libxcb-xfixes.so.0]=libxcb-xfixes0
  [libxcb-xkb.so.1]=libxcb-xkb1 [libxkbcommon.so.0]=libxkbcommon0
  [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libfontconfig.so.1]=libfontconfig1
  [libfreetype.so.6]=libfreetype6 [libdbus-1.so.3]=libdbus-1-3
  [libglib-2.0.so.0]=libglib2.0-0 [libgthread-2.0.so.0]=libglib2.0-0
)

missing_libraries() {
  local file
  for file in "$plugins"/platforms/libqxcb.so "$plugins"/xcbglintegrations/*.so; do
    [ -e "$file" ] && ldd "$file" 2>/dev/null
  done | awk '$2 == "=>" && $3 == "not" {print $1}' | sort -u
}

mapfile -t libraries < <(missing_libraries)

if [ ${#libraries[@]} -gt 0 ]; then
  packages=()
  for library in "${libraries[@]}"; do
    package="${package_of[$library]:-}"
    if [ -z "$package" ]; then
      echo "Qt's window needs $library, which this machine lacks (package unknown here)." >&2
      exit 1
    fi
    [[ " ${packages[*]} " == *" $package "* ]] || packages+=("$package")
  done

  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      sudo="none"
    fi
  fi
  if [ "$sudo" = "none" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Qt cannot open a window here: ${libraries[*]} missing." >&2
    echo "Install them, then run make run again:" >&2
    echo "  sudo apt-get install ${packages[*]}" >&2
    exit 1
  fi
  echo "Installing the libraries Qt's window needs: ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${packages[@]}"
  mapfile -t still < <(missing_libraries)
  if [ ${#still[@]} -gt 0 ]; then
    echo "Still missing after the install: ${still[*]}" >&2
    exit 1
  fi
fi

if [ -z "${QT_QPA_PLATFORM:-}" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display to open the window on (DISPLAY and WAYLAND_DISPLAY are empty)." >&2
  echo "Run from a desktop session, over ssh -X, or under xvfb-run." >&2
  exit 1
fi
