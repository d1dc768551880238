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

# Installed for this machine's architecture (or for all). `dpkg -s NAME` refuses a name that a
# second architecture also has installed (a Wine build adds i386 libraries), so ask dpkg-query.
native=$(dpkg --print-architecture 2>/dev/null || true)
installed() {
  local instances
  instances=$(dpkg-query -W -f='${db:Status-Abbrev} ${Architecture}\n' "$1" 2>/dev/null) || true
  grep -qE "^ii +($native|all)\$" <<<"$instances"
}

missing=()
for pkg in "${needed[@]}"; do
  installed "$pkg" || missing+=("$pkg")
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
