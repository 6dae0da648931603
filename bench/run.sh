#!/usr/bin/env bash
# Side-by-side benchmark: pidman vs supervisord, pm2 and start-stop-daemon, and vs the floors (bench/floor.c, a NativeAOT
# hello world), on this machine, in one run.
# Usage: bench/run.sh            (root; installs what is missing: supervisor, hyperfine, pm2, a C compiler)
# Writes docs/BENCHMARKS.md and prints the table. Takes about ten minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- tools ---------------------------------------------------------------------------------------
need_apt=()
command -v supervisord >/dev/null || need_apt+=(supervisor)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
command -v start-stop-daemon >/dev/null || need_apt+=(dpkg)
command -v python3 >/dev/null || need_apt+=(python3)
command -v cc >/dev/null || need_apt+=(build-essential)
command -v strace >/dev/null || need_apt+=(strace)
command -v setsid >/dev/null || need_apt+=(util-linux)
if [ ${#need_apt[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null; fi
command -v pm2 >/dev/null || npm install -g --silent pm2@7 >/dev/null
echo "== building pidman (NativeAOT), the NativeAOT hello floor and bench/floor.c"
dotnet publish src/Pidman.Cli -c Release -r linux-x64 -o artifacts/cli -nologo -v quiet -warnaserror >/dev/null
PIDMAN=$REPO/artifacts/cli/pidman
WORK=$(mktemp -d /tmp/pidman-bench.XXXXXX)
dotnet publish bench/hello -c Release -r linux-x64 -o "$WORK/hello" -nologo -v quiet >/dev/null
HELLO=$WORK/hello/Hello
cc -O2 -Wall -o "$WORK/floor" bench/floor.c
FLOOR=$WORK/floor

RESULTS=$WORK/results.tsv
: > "$RESULTS"
busy=()
cleanup() {
  for d in "$WORK"/p* "$WORK"/start10 "$WORK"/stop; do [ -d "$d" ] && (cd "$d" && "$PIDMAN" down -q >/dev/null 2>&1; "$PIDMAN" stop --all --force -q >/dev/null 2>&1); done
  [ -f "$WORK/sup.conf" ] && supervisorctl -c "$WORK/sup.conf" shutdown >/dev/null 2>&1 || true
  PM2_HOME=$WORK/pm2 pm2 kill >/dev/null 2>&1 || true
  for f in "$WORK"/ssd/*.pid "$WORK"/ssd10/*.pid; do [ -f "$f" ] && start-stop-daemon --stop --quiet --pidfile "$f" --retry TERM/5 >/dev/null 2>&1 || true; done
  [ ${#busy[@]} -gt 0 ] && kill "${busy[@]}" 2>/dev/null
  pkill -f "sleep 4242424" 2>/dev/null || true
  pkill -f "sleep 4343434" 2>/dev/null || true
  pkill -f "sleep 4444444" 2>/dev/null || true
  rm -rf "$WORK"
  true
}
trap cleanup EXIT

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$RESULTS"; }   # metric N tool value(ms)
now_ms() { date +%s%3N; }
# median of hyperfine runs, in ms; extra hyperfine options (e.g. --prepare) before the command
median_ms() {
  hyperfine -N -i --warmup "${WARMUP:-3}" --runs "${RUNS:-30}" --export-json "$WORK/h.json" "$@" >/dev/null 2>&1
  python3 -c "import json,statistics;print(round(statistics.median(json.load(open('$WORK/h.json'))['results'][0]['times'])*1000,2))"
}
rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
wait_for() { local deadline=$(( $(date +%s) + 120 )); until eval "$1"; do [ "$(date +%s)" -lt "$deadline" ] || { echo "timeout: $1" >&2; return 1; }; sleep 0.05; done; }
services_toml() {   # N [extra settings]: N `exec sleep` services
  for i in $(seq 1 "$1"); do printf '[services.s%d]\ncommand = "exec sleep 4242424"\nstop_timeout = "5s"\n' "$i"; done
  printf '[settings]\n%s\n' "${2:-}"
}
busy_processes() {  # COUNT: that many idle processes, each leading its own session, as daemons do
  for i in $(seq 1 "$1"); do setsid sleep 4343434 & busy+=($!); done
}
# N KIND PID: an idle supervisor's share of a core over 10 s, then its system calls and file opens over 10 s (strace -c)
idle_figures() {
  local a b
  a=$(awk '{print $14 + $15}' "/proc/$3/stat"); sleep 10; b=$(awk '{print $14 + $15}' "/proc/$3/stat")
  record "idle-cpu-permille-$2" "$1" pidman "$(( (b - a) * 1000 / ($(getconf CLK_TCK) * 10) ))"
  timeout -s INT 10 strace -c -f -p "$3" -o "$WORK/idle.strace" >/dev/null 2>&1 || true
  record "idle-syscalls-$2" "$1" pidman "$(awk '$NF == "total" {print $4}' "$WORK/idle.strace")"
  record "idle-opens-$2" "$1" pidman "$(awk '$NF == "openat" || $NF == "open" {n += $4} END {print n + 0}' "$WORK/idle.strace")"
}
end_busy() { [ ${#busy[@]} -gt 0 ] && kill "${busy[@]}" 2>/dev/null; busy=(); }

# --- start-up --------------------------------------------------------------------------------------
echo "== start-up"
record version 1 pidman "$(WARMUP=5 RUNS=60 median_ms "$PIDMAN --version")"
record version 1 floor "$(WARMUP=5 RUNS=60 median_ms "$HELLO")"

# --- N services: status, start, stop, memory, against each peer -----------------------------------
for N in 10 200; do
  echo "== N=$N"
  P=$WORK/p$N; mkdir -p "$P"; cd "$P"
  services_toml "$N" > pidman.toml

  # pidman (start includes its 1 s watch for services that die at once; startup_window = "0s" turns it off)
  t=$(now_ms); "$PIDMAN" start -q; record start-all "$N" pidman $(( $(now_ms) - t ))
  record status "$N" pidman "$(median_ms "$PIDMAN status --json")"
  # The same PID files without the pidman.toml: registered services
  record status-registered "$N" pidman "$(median_ms "$PIDMAN --dir $P/local/pid status --json")"
  record status "$N" floor "$(median_ms "$FLOOR status $P/local/pid")"
  record status-registered "$N" floor "$(median_ms "$FLOOR status-min $P/local/pid")"
  # The files a stop of one service opens that are another service's (names s1..sN; s7 is stopped)
  strace -f -e trace=openat -o "$WORK/stop.strace" "$PIDMAN" stop s7 -q
  record stop-one-foreign-opens "$N" pidman "$(grep -cE '"([^"]*/)?s([0-689]|[0-9]{2,})\.[a-z]' "$WORK/stop.strace" || true)"
  "$PIDMAN" start s7 -q
  record stop-one-wait "$N" pidman "$("$PIDMAN" stop s1 --json | python3 -c 'import json,sys;print(json.load(sys.stdin)["results"][0]["elapsed_ms"])')"
  t=$(now_ms); "$PIDMAN" stop --all -q; record stop-all "$N" pidman $(( $(now_ms) - t ))
  # Services the supervisor adopts (started before it), then its own children: idle CPU and system calls of each
  "$PIDMAN" start -q; "$PIDMAN" up -d -q; wait_for "[ \$(\"$PIDMAN\" status --json | grep -c '\"state\": \"running\"') -ge $((N + 1)) ]"
  sleep 2; idle_figures "$N" adopted "$("$PIDMAN" pid pidman --type supervisor)"
  "$PIDMAN" down -q
  "$PIDMAN" up -d -q; wait_for "[ \$(\"$PIDMAN\" status --json | grep -c '\"state\": \"running\"') -ge $((N + 1)) ]"
  sleep 2; idle_figures "$N" children "$("$PIDMAN" pid pidman --type supervisor)"
  record rss-idle-kib "$N" pidman "$(rss_kib "$("$PIDMAN" pid pidman --type supervisor)")"
  # The supervisor's line stamper: one process for all N services' output (what supervisord does in its own process)
  stamper=$(pgrep -f "__stamp-log --serve $P/" | head -1)
  record stamper-rss-kib "$N" pidman "$(rss_kib "$stamper")"
  record stamper-anon-kib "$N" pidman "$(awk '/RssAnon/ {print $2}' "/proc/$stamper/status")"
  "$PIDMAN" down -q

  # supervisord, on pidman's own export of the same services
  "$PIDMAN" export supervisord --out "$WORK/sup.conf" -q
  t=$(now_ms); supervisord -c "$WORK/sup.conf"
  wait_for "[ \$(supervisorctl -c $WORK/sup.conf status | grep -c RUNNING) -eq $N ]"; record start-all "$N" supervisord $(( $(now_ms) - t ))
  record status "$N" supervisord "$(RUNS=15 median_ms "supervisorctl -c $WORK/sup.conf status")"
  sleep 2; record rss-idle-kib "$N" supervisord "$(rss_kib "$(cat "$P/local/pid/supervisord.pid")")"
  t=$(now_ms); supervisorctl -c "$WORK/sup.conf" stop all >/dev/null; record stop-all "$N" supervisord $(( $(now_ms) - t ))
  supervisorctl -c "$WORK/sup.conf" shutdown >/dev/null; wait_for "! [ -e $P/local/pid/supervisord.pid ] || ! kill -0 \$(cat $P/local/pid/supervisord.pid) 2>/dev/null"

  # pm2
  export PM2_HOME=$WORK/pm2
  python3 -c "import json;print(json.dumps({'apps':[{'name':f's{i}','script':'sleep','args':'4242424','interpreter':'none','autorestart':False} for i in range(1,$N+1)]}))" > "$WORK/eco.json"
  pm2 ping >/dev/null 2>&1
  t=$(now_ms); pm2 start "$WORK/eco.json" >/dev/null
  wait_for "[ \$(pm2 jlist 2>/dev/null | python3 -c 'import json,sys;print(sum(p[\"pm2_env\"][\"status\"]==\"online\" for p in json.load(sys.stdin)))') -eq $N ]"; record start-all "$N" pm2 $(( $(now_ms) - t ))
  record status "$N" pm2 "$(RUNS=15 median_ms "pm2 jlist")"
  sleep 2; record rss-idle-kib "$N" pm2 "$(rss_kib "$(cat "$PM2_HOME/pm2.pid")")"
  t=$(now_ms); pm2 stop all >/dev/null; record stop-all "$N" pm2 $(( $(now_ms) - t ))
  pm2 kill >/dev/null; unset PM2_HOME

  # start-stop-daemon over plain PID files
  S=$WORK/ssd; rm -rf "$S"; mkdir -p "$S"
  t=$(now_ms)
  for i in $(seq 1 "$N"); do start-stop-daemon --start --background --make-pidfile --pidfile "$S/s$i.pid" --exec /bin/sleep -- 4242424; done
  record start-all "$N" start-stop-daemon $(( $(now_ms) - t ))
  record status "$N" start-stop-daemon "$(RUNS=15 median_ms "bash -c 'for f in $S/*.pid; do start-stop-daemon --status --pidfile \$f; done'")"
  # In parallel, as pidman stops: start-stop-daemon waits until the process is gone, zombie included,
  # and an orphan's zombie lasts until init reaps it (about 2 s on the machines here).
  t=$(now_ms)
  printf '%s\n' "$S"/*.pid | xargs -P 64 -I{} start-stop-daemon --stop --quiet --pidfile {} --retry TERM/5
  record stop-all "$N" start-stop-daemon $(( $(now_ms) - t ))
  cd "$REPO"
done

# --- start of 10 without the startup watch ----------------------------------------------------------
echo "== start of 10"
D=$WORK/start10; mkdir -p "$D"; cd "$D"
services_toml 10 'startup_window = "0s"' > pidman.toml
record start-10 10 pidman "$(RUNS=20 median_ms --prepare "$PIDMAN stop --all -q" "$PIDMAN start -q")"
"$PIDMAN" stop --all -q
S=$WORK/ssd10; mkdir -p "$S"
printf 'for i in $(seq 1 10); do start-stop-daemon --start --background --make-pidfile --pidfile %s/s$i.pid --exec /bin/sleep -- 4242424; done\n' "$S" > "$WORK/ssd-start.sh"
printf 'for f in %s/*.pid; do [ -f "$f" ] && start-stop-daemon --stop --quiet --pidfile "$f" --oknodo; rm -f "$f"; done; true\n' "$S" > "$WORK/ssd-stop.sh"
record start-10 10 start-stop-daemon "$(RUNS=20 median_ms --prepare "sh $WORK/ssd-stop.sh" "sh $WORK/ssd-start.sh")"
sh "$WORK/ssd-stop.sh"
printf 'pkill -f "sleep 444444[4]"; true\n' > "$WORK/floor-clean.sh"
record start-10 10 floor "$(RUNS=20 median_ms --prepare "sh $WORK/floor-clean.sh" "$FLOOR spawn 10")"
sh "$WORK/floor-clean.sh"
cd "$REPO"

# --- the supervisor's idle memory on a busy machine -------------------------------------------------
# 1,000 unrelated idle processes, each leading its own session as daemons do, present when it starts.
busy_processes 1000
for N in 10 200; do
  cd "$WORK/p$N"
  "$PIDMAN" up -d -q; wait_for "[ \$(\"$PIDMAN\" status --json | grep -c '\"state\": \"running\"') -ge $((N + 1)) ]"
  sleep 2; record rss-idle-busy-kib "$N" pidman "$(rss_kib "$("$PIDMAN" pid pidman --type supervisor)")"
  "$PIDMAN" down -q
done
end_busy; cd "$REPO"

# --- stop of one prompt service, whole command, with 100 and 1,000 other processes on the machine ----
echo "== stop of one service"
L=$WORK/stop; mkdir -p "$L"; cd "$L"
services_toml 1 'startup_window = "0s"' > pidman.toml
printf 'start-stop-daemon --start --background --make-pidfile --pidfile %s/one.pid --exec /bin/sleep -- 4242424\n' "$L" > "$WORK/ssd-one.sh"
printf '%s spawn 1 > %s/floor.pid\n' "$FLOOR" "$L" > "$WORK/floor-one.sh"
for B in 100 1000; do
  busy_processes "$B"
  record stop-one-cli "$B-others" pidman "$(RUNS=20 median_ms --prepare "$PIDMAN start -q s1" "$PIDMAN stop -q s1")"
  record stop-one-cli "$B-others" start-stop-daemon "$(RUNS=10 median_ms --prepare "sh $WORK/ssd-one.sh" "start-stop-daemon --stop --quiet --pidfile $L/one.pid --retry TERM/5")"
  record stop-one-cli "$B-others" floor "$(RUNS=20 median_ms --prepare "sh $WORK/floor-one.sh" "$FLOOR stop $L/floor.pid")"
  end_busy
done
cd "$REPO"

# --- scale: status over 1,000 / 10,000 / 50,000 PID files, all live and all stale ---------------------
echo "== scale"
for F in 1000 10000 50000; do
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
  record status-files "$F-live" pidman "$(WARMUP=1 RUNS=10 median_ms "$PIDMAN --dir $D/live status --json")"
  # Stale: every file names the same PID, of a process that has exited (so each file is checked and removed).
  sh -c 'exit 0' & dead=$!; wait $dead
  mkdir -p "$D/template"; for i in $(seq 1 "$F"); do echo "$dead"; done | split -l 1 -a 5 -d --additional-suffix=.pid - "$D/template/x"
  printf 'rm -rf %s/stale && cp -r %s/template %s/stale\n' "$D" "$D" "$D" > "$D/prepare.sh"
  record status-files "$F-stale" pidman "$(WARMUP=0 RUNS=5 median_ms --prepare "sh $D/prepare.sh" "$PIDMAN --dir $D/stale status --json")"
  record status-files "$F-stale" floor "$(WARMUP=0 RUNS=5 median_ms --prepare "sh $D/prepare.sh" "$FLOOR sweep $D/stale")"
  sh "$D/prepare.sh"; "$PIDMAN" --dir "$D/stale" status --json >/dev/null || true
  # Records left behind; the folder's own .pidman-state marker (by which pidman knows it) is no leftover.
  record state-files-after-sweep "$F-stale" pidman "$(find "$D/stale/.pidman" -type f ! -name .pidman-state | wc -l)"
  for p in "${live[@]}"; do kill "$p"; done
  rm -rf "$D"
done

python3 "$REPO/bench/report.py" "$RESULTS" "$REPO/docs/BENCHMARKS.md"
