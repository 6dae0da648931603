#!/usr/bin/env bash
# Side-by-side benchmark: pidman vs supervisord, pm2 and start-stop-daemon, on this machine, in one run.
# Usage: bench/run.sh            (root; installs what is missing: supervisor, hyperfine, pm2)
# Writes docs/BENCHMARKS.md and prints the table. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
export DEBIAN_FRONTEND=noninteractive

# --- peers -------------------------------------------------------------------------------------
need_apt=()
command -v supervisord >/dev/null || need_apt+=(supervisor)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v start-stop-daemon >/dev/null || need_apt+=(dpkg)
command -v python3 >/dev/null || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null; fi
command -v pm2 >/dev/null || npm install -g --silent pm2@7 >/dev/null
dotnet publish src/Pidman.Cli -c Release -r linux-x64 -o artifacts/cli -nologo -v quiet -warnaserror >/dev/null
PIDMAN=$REPO/artifacts/cli/pidman

WORK=$(mktemp -d /tmp/pidman-bench.XXXXXX)
RESULTS=$WORK/results.tsv
: > "$RESULTS"
cleanup() {
  for d in "$WORK"/p*; do [ -d "$d" ] && (cd "$d" && "$PIDMAN" down -q >/dev/null 2>&1; "$PIDMAN" stop --all --force -q >/dev/null 2>&1) ; done
  [ -f "$WORK/sup.conf" ] && supervisorctl -c "$WORK/sup.conf" shutdown >/dev/null 2>&1 || true
  PM2_HOME=$WORK/pm2 pm2 kill >/dev/null 2>&1 || true
  for f in "$WORK"/ssd/*.pid; do [ -f "$f" ] && start-stop-daemon --stop --quiet --pidfile "$f" --retry TERM/5 >/dev/null 2>&1 || true; done
  pkill -f "sleep 4242424" 2>/dev/null || true
  pkill -f "sleep 4343434" 2>/dev/null || true
  rm -rf "$WORK"
  true
}
trap cleanup EXIT

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$RESULTS"; }   # metric N tool value(ms)
now_ms() { date +%s%3N; }
median_ms() {   # median of hyperfine runs, in ms
  hyperfine -N -i --warmup 3 --runs "${RUNS:-15}" --export-json "$WORK/h.json" "$@" >/dev/null 2>&1
  python3 -c "import json,statistics;print(round(statistics.median(json.load(open('$WORK/h.json'))['results'][0]['times'])*1000,2))"
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
wait_for() { local deadline=$(( $(date +%s) + 120 )); until eval "$1"; do [ "$(date +%s)" -lt "$deadline" ] || { echo "timeout: $1" >&2; return 1; }; sleep 0.05; done; }

for N in 10 200; do
  echo "== N=$N"
  P=$WORK/p$N; mkdir -p "$P"; cd "$P"
  for i in $(seq 1 "$N"); do printf '[services.s%d]\ncommand = "exec sleep 4242424"\nstop_timeout = "5s"\n' "$i"; done > pidman.toml

  # pidman (start includes its 1 s watch for services that die at once; startup_window = "0s" turns it off)
  t=$(now_ms); "$PIDMAN" start -q; record start-all "$N" pidman $(( $(now_ms) - t ))
  record status "$N" pidman "$(median_ms "$PIDMAN status --json")"
  record stop-one-wait "$N" pidman "$("$PIDMAN" stop s1 --json | python3 -c 'import json,sys;print(json.load(sys.stdin)["results"][0]["elapsed_ms"])')"
  t=$(now_ms); "$PIDMAN" stop --all -q; record stop-all "$N" pidman $(( $(now_ms) - t ))
  "$PIDMAN" up -d -q; wait_for "[ \$(\"$PIDMAN\" status --json | grep -c '\"state\": \"running\"') -ge $((N + 1)) ]"
  sleep 2; record rss-idle-kib "$N" pidman "$(rss_kib "$("$PIDMAN" pid pidman --type supervisor)")"
  "$PIDMAN" down -q

  # supervisord, on pidman's own export of the same services
  "$PIDMAN" export supervisord --out "$WORK/sup.conf" -q
  t=$(now_ms); supervisord -c "$WORK/sup.conf"
  wait_for "[ \$(supervisorctl -c $WORK/sup.conf status | grep -c RUNNING) -eq $N ]"; record start-all "$N" supervisord $(( $(now_ms) - t ))
  record status "$N" supervisord "$(median_ms "supervisorctl -c $WORK/sup.conf status")"
  sleep 2; record rss-idle-kib "$N" supervisord "$(rss_kib "$(cat "$P/local/pid/supervisord.pid")")"
  t=$(now_ms); supervisorctl -c "$WORK/sup.conf" stop all >/dev/null; record stop-all "$N" supervisord $(( $(now_ms) - t ))
  supervisorctl -c "$WORK/sup.conf" shutdown >/dev/null; wait_for "! [ -e $P/local/pid/supervisord.pid ] || ! kill -0 \$(cat $P/local/pid/supervisord.pid) 2>/dev/null"

  # pm2
  export PM2_HOME=$WORK/pm2
  python3 -c "import json;print(json.dumps({'apps':[{'name':f's{i}','script':'sleep','args':'4242424','interpreter':'none','autorestart':False} for i in range(1,$N+1)]}))" > "$WORK/eco.json"
  pm2 ping >/dev/null 2>&1
  t=$(now_ms); pm2 start "$WORK/eco.json" >/dev/null
  wait_for "[ \$(pm2 jlist 2>/dev/null | python3 -c 'import json,sys;print(sum(p[\"pm2_env\"][\"status\"]==\"online\" for p in json.load(sys.stdin)))') -eq $N ]"; record start-all "$N" pm2 $(( $(now_ms) - t ))
  record status "$N" pm2 "$(median_ms "pm2 jlist")"
  sleep 2; record rss-idle-kib "$N" pm2 "$(rss_kib "$(cat "$PM2_HOME/pm2.pid")")"
  t=$(now_ms); pm2 stop all >/dev/null; record stop-all "$N" pm2 $(( $(now_ms) - t ))
  pm2 kill >/dev/null; unset PM2_HOME

  # start-stop-daemon over plain PID files
  S=$WORK/ssd; rm -rf "$S"; mkdir -p "$S"
  t=$(now_ms)
  for i in $(seq 1 "$N"); do start-stop-daemon --start --background --make-pidfile --pidfile "$S/s$i.pid" --exec /bin/sleep -- 4242424; done
  record start-all "$N" start-stop-daemon $(( $(now_ms) - t ))
  record status "$N" start-stop-daemon "$(median_ms "bash -c 'for f in $S/*.pid; do start-stop-daemon --status --pidfile \$f; done'")"
  # In parallel, as pidman stops: start-stop-daemon waits until the process is gone, zombie included,
  # and an orphan's zombie lasts until init reaps it (about 2 s on the machines here).
  t=$(now_ms)
  printf '%s\n' "$S"/*.pid | xargs -P 64 -I{} start-stop-daemon --stop --quiet --pidfile {} --retry TERM/5
  record stop-all "$N" start-stop-daemon $(( $(now_ms) - t ))
  cd "$REPO"
done

# The supervisor's idle memory on a busy machine: 1,000 unrelated idle processes, each leading its own session as
# daemons do, present when it starts (its start-up looks at session leaders for services whose starter died).
busy=(); for i in $(seq 1 1000); do setsid sleep 4343434 & busy+=($!); done
for N in 10 200; do
  cd "$WORK/p$N"
  "$PIDMAN" up -d -q; wait_for "[ \$(\"$PIDMAN\" status --json | grep -c '\"state\": \"running\"') -ge $((N + 1)) ]"
  sleep 2; record rss-idle-busy-kib "$N" pidman "$(rss_kib "$("$PIDMAN" pid pidman --type supervisor)")"
  "$PIDMAN" down -q
done
kill "${busy[@]}"; cd "$REPO"

# Stop latency of one prompt service, pidman vs start-stop-daemon (wall time of the whole command).
L=$WORK/latency; mkdir -p "$L"; cd "$L"
setsid sleep 4242424 & s=$!; "$PIDMAN" register one --pid $s -q
t=$(date +%s%N); "$PIDMAN" stop one -q; record stop-one-cli 1 pidman "$(( ($(date +%s%N) - t) / 1000 ))e-3"
start-stop-daemon --start --background --make-pidfile --pidfile "$L/one.pid" --exec /bin/sleep -- 4242424
t=$(date +%s%N); start-stop-daemon --stop --quiet --pidfile "$L/one.pid" --retry TERM/5; record stop-one-cli 1 start-stop-daemon "$(( ($(date +%s%N) - t) / 1000 ))e-3"
cd "$REPO"

# Scale: status over 1,000 and 10,000 PID files, mostly live (10 processes, each behind many files) and all stale.
for F in 1000 10000; do
  D=$WORK/scale$F; mkdir -p "$D/live" "$D/stale"
  live=(); for i in $(seq 1 10); do setsid sleep 4242424 & live+=($!); done
  for i in $(seq 1 10); do "$PIDMAN" --dir "$D/live" register "l$i" --pid "${live[$((i-1))]}" -q; done
  python3 - "$D/live" "$F" <<'PY'
import os, sys, shutil
d, n = sys.argv[1], int(sys.argv[2])
# Copies of the 10 registered files and their identity records: F verified, live entries.
for i in range(11, n + 1):
    src = f"l{(i % 10) + 1}"
    shutil.copy(f"{d}/{src}.pid", f"{d}/l{i}.pid")
    shutil.copy(f"{d}/.pidman/{src}.json", f"{d}/.pidman/l{i}.json")
PY
  RUNS=10 record status-files "$F-live" pidman "$(RUNS=10 median_ms "$PIDMAN --dir $D/live status --json")"
  # Stale: every file names the same PID, of a process that has exited (so each file is checked and removed).
  sh -c 'exit 0' & dead=$!; wait $dead
  mkdir -p "$D/template"; for i in $(seq 1 "$F"); do echo "$dead" > "$D/template/x$i.pid"; done
  printf 'rm -rf %s/stale && cp -r %s/template %s/stale\n' "$D" "$D" "$D" > "$D/prepare.sh"
  hyperfine -N -i --runs 5 --prepare "sh $D/prepare.sh" --export-json "$WORK/h.json" "$PIDMAN --dir $D/stale status --json" >/dev/null 2>&1
  record status-files "$F-stale" pidman "$(python3 -c "import json,statistics;print(round(statistics.median(json.load(open('$WORK/h.json'))['results'][0]['times'])*1000,2))")"
  for p in "${live[@]}"; do kill "$p"; done
done

python3 "$REPO/bench/report.py" "$RESULTS" "$REPO/docs/BENCHMARKS.md"
