# Steps of make test-windows: each runs in its own subshell with `set -e` in force, prints its
# time, and the first failure stops the run (later steps need what it makes). The last line is
# "windows: N passed, N failed, N skipped" (the closing line CI reads).
# shellcheck shell=bash

_results=()
_passed=0
_failed=0
_skipped=0
_started=$(date +%s.%N)

_seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

step() {
  local name=$1 start rc
  shift
  printf '\n==> %s\n' "$name"
  start=$(date +%s.%N)
  set +e
  (set -e; "$@")
  rc=$?
  set -e
  local took
  took=$(_seconds_since "$start")
  if [ "$rc" -eq 0 ]; then
    _passed=$((_passed + 1))
    _results+=("$(printf '%8s s  ok       %s' "$took" "$name")")
    printf -- '--- ok (%s s): %s\n' "$took" "$name"
  else
    _failed=$((_failed + 1))
    _results+=("$(printf '%8s s  FAILED   %s (exit code %s)' "$took" "$name" "$rc")")
    printf -- '--- FAILED (%s s, exit code %s): %s\n' "$took" "$rc" "$name"
    finish
  fi
}

skip() {
  _skipped=$((_skipped + 1))
  _results+=("$(printf '%8s    skipped: %s — %s' "" "$2" "$1")")
  printf '\n==> %s\nskipped: %s\n' "$1" "$2"
}

finish() {
  printf '\nmake test-windows, %s s in all:\n' "$(_seconds_since "$_started")"
  printf '%s\n' "${_results[@]}"
  echo "windows: $_passed passed, $_failed failed, $_skipped skipped"
  [ "$_failed" -eq 0 ] || exit 1
  exit 0
}
