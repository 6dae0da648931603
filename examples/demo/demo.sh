#!/bin/sh
# A tour of pidman on the demo stack (pidman.toml beside this script), run in a temporary copy so
# the repository stays clean. Usage: demo.sh PATH_TO_PIDMAN
set -eu
PIDMAN=${1:-pidman}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pidman-demo.XXXXXX")
cp "$HERE/pidman.toml" "$HERE/.env" "$WORK/"
cleanup() { "$PIDMAN" stop --all -q >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
cd "$WORK"
run() { printf '\n$ pidman %s\n' "$*"; "$PIDMAN" "$@"; }

run start
run status || echo "(exit $?: migrate, a one-shot job, has finished and is not running)"
printf '\n$ ls local/pid\n'; ls local/pid
echo "garbage" > local/pid/broken.pid        # a PID file nobody can trust
run status || echo "(exit $?: an invalid PID file)"
run cleanup --invalid
run logs -t -n 2   # each line with the time it was written
run pid web
run restart web
run stop --all
run status || echo "(exit $?: nothing running)"
