#!/usr/bin/env bash
# Debian packages the tests need. Installs only what is missing, so a prepared machine pays
# nothing; on a fresh Debian/Ubuntu machine run as root (CI is root) or with sudo.
# PostgreSQL: only the binaries are needed (tests/server/pgcluster.py runs initdb + pg_ctl in a
# temp dir on a free port); the Debian package also starts a system cluster, which is not used.
set -euo pipefail

needed=(
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3  # Qt on the offscreen platform
  poppler-utils                                             # pdftotext reads reports back
  postgresql                                                # sync server tests (own cluster)
  libreoffice-calc-nogui python3-uno                        # a second tool opens protected xlsx
)

missing=()
for pkg in "${needed[@]}"; do
  # (with i386 added for 32-bit Wine, a library installed for both is named with its arch)
  dpkg -s "$pkg" >/dev/null 2>&1 || dpkg -s "$pkg:$(dpkg --print-architecture)" >/dev/null 2>&1 \
    || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing system packages (${missing[*]}) and no apt-get: install them by hand." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
