#!/usr/bin/env bash
# Debian packages `make test-windows` needs: 64-bit Wine, the mingw compiler for the two
# stand-in system DLLs, Xvfb + xdotool + ImageMagick for the GUI smoke test, poppler-utils to
# read the exported PDF back. Then, separately, 32-bit Wine (wine32:i386), which only the
# Inno Setup compiler needs (npm's ISCC.exe is a 32-bit program): when it cannot be had, this
# script still exits 0 and the installer steps report "skipped: wine32 unavailable".
# Installs only what is missing; CI is root, elsewhere sudo is used.
set -euo pipefail

needed=(
  wine wine64                      # Wine 8 (Debian 12): runs the Windows CPython, the bundle, setup
  gcc-mingw-w64-x86-64-win32       # compiles standins/*.c into the Wine prefix's system32
  xvfb xdotool imagemagick         # a real X screen, real key presses and its screenshot
  poppler-utils                    # pdftotext reads the exported PDF back
)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

missing=()
for pkg in "${needed[@]}"; do
  # (with i386 added for 32-bit Wine, a library installed for both is named with its arch)
  dpkg -s "$pkg" >/dev/null 2>&1 || dpkg -s "$pkg:$(dpkg --print-architecture)" >/dev/null 2>&1 \
    || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing system packages (${missing[*]}) and no apt-get: install them by hand." >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The 32-bit part. Kept apart so that a mirror without usable i386 lists costs only the
# installer steps. On some mirrors the security suite's i386 list fails to download while the
# main suite's works: then the package comes from the release suite (-t bookworm).
dpkg -s wine32:i386 >/dev/null 2>&1 && exit 0
if ! dpkg --print-foreign-architectures | grep -qx i386; then
  $sudo dpkg --add-architecture i386
fi
$sudo apt-get update -qq || echo "apt-get update reported errors (i386 lists); trying anyway"
release=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if $sudo apt-get install -y -qq --no-install-recommends wine32:i386 \
  || { [ -n "$release" ] && $sudo apt-get install -y -qq --no-install-recommends \
        -t "$release" wine32:i386; }; then
  echo "wine32:i386 installed"
else
  echo "wine32:i386 could not be installed: the installer steps will be skipped" >&2
fi
exit 0
