#!/bin/sh
# A tour of pidman on a throw-away stack of three processes (until `pidman start` lands, they are
# started here and registered; see README). Usage: demo.sh PATH_TO_PIDMAN
set -eu
PIDMAN=${1:-pidman}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pidman-demo.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
run() { printf '\n$ pidman %s\n' "$*"; "$PIDMAN" "$@"; }

# Each service leads its own session, as pidman-spawned services will.
setsid sh -c 'while :; do sleep 1; done' </dev/null >/dev/null 2>&1 & web=$!
setsid sh -c 'sleep 1000 & sleep 1000 & wait' </dev/null >/dev/null 2>&1 & worker=$!
setsid sh -c "trap '' TERM; exec sleep 1000" </dev/null >/dev/null 2>&1 & stubborn=$!

run register web --pid "$web"
run register worker --pid "$worker"
run register worker --pid "$worker" --type tmux
run register stubborn --pid "$stubborn"
echo 999999 > local/pid/garbage.pid            # a PID file nobody can trust
sh -c 'exit 0' & gone=$!; wait $gone
echo "$gone" > local/pid/crashed.pid           # a stale file left by a "crash"

printf '\n$ ls local/pid\n'; ls local/pid
run status || true
run list
run pid web
run stop web worker
run stop stubborn --timeout 0.5
run cleanup --invalid
run status || echo "(exit $?: nothing running)"
