"""Turns bench/run.sh's results into the printed table and docs/BENCHMARKS.md."""
import collections, datetime, os, platform, sys

results_path, out_path = sys.argv[1], sys.argv[2]
rows = collections.OrderedDict()
for line in open(results_path):
    metric, n, tool, value = line.rstrip("\n").split("\t")
    if not value:  # a measurement that failed (hyperfine printed nothing): shown as missing, never as a number
        print(f"warning: no figure for {metric} {n} {tool}", file=sys.stderr)
        continue
    rows.setdefault((metric, n), {})[tool] = float(value)

peers = ["supervisord", "pm2", "start-stop-daemon"]
names = {
    "version": "`pidman --version` (floor: NativeAOT hello) (ms)",
    "start-all": "start all, default 1 s startup watch (ms)", "status": "`status --json` from pidman.toml, median (ms)",
    "status-registered": "`status --json` of registered services, median (ms)",
    "stop-all": "stop all (ms)", "stop-one-wait": "stop one: wait from signal to exit (ms)",
    "rss-idle-kib": "supervisor RSS idle (KiB)",
    "stamper-rss-kib": "the supervisor's line stamper, RSS (KiB)", "stamper-anon-kib": "the supervisor's line stamper, private (anonymous) RSS (KiB)", "rss-idle-busy-kib": "supervisor RSS idle, 1,000 other processes (KiB)",
    "start-10": "start of 10, `startup_window = \"0s\"`, median (ms)",
    "stop-one-cli": "stop one prompt service, whole command, median (ms)",
    "status-files": "status over PID files, median (ms)",
    "state-files-after-sweep": "files left in .pidman/ after the sweep (count)",
    "idle-cpu-permille-adopted": "idle supervisor, adopted services: CPU over 10 s (per mille of a core)",
    "idle-cpu-permille-children": "idle supervisor, its own children: CPU over 10 s (per mille of a core)",
    "idle-syscalls-adopted": "idle supervisor, adopted services: system calls in 10 s (strace -c)",
    "idle-syscalls-children": "idle supervisor, its own children: system calls in 10 s (strace -c)",
    "idle-opens-adopted": "idle supervisor, adopted services: files opened in 10 s",
    "idle-opens-children": "idle supervisor, its own children: files opened in 10 s",
    "stop-one-foreign-opens": "`stop s7`: files of other services opened",
}
# The targets of issue #14 (medians on a 2-core machine).
targets = {("version", "1"): 3.5, ("status", "10"): 4, ("status-registered", "10"): 4, ("status", "200"): 6,
           ("status-registered", "200"): 6, ("start-10", "10"): 25, ("stop-one-cli", "100-others"): 5,
           ("stop-one-cli", "1000-others"): 5, ("status-files", "10000-stale"): 300, ("status-files", "10000-live"): 150,
           ("state-files-after-sweep", "10000-stale"): 0,
           # issue #23: an idle supervisor under 0.2 % of a core and opening nothing; a stop reads only its service's files
           ("idle-cpu-permille-adopted", "200"): 2, ("idle-cpu-permille-children", "200"): 2,
           ("idle-opens-adopted", "200"): 0, ("idle-opens-children", "200"): 0, ("stop-one-foreign-opens", "200"): 0}

def fmt(v):
    return f"{v:g}"

lines = ["| measure | N | pidman | target | floor | supervisord | pm2 | start-stop-daemon | pidman / floor | pidman / supervisord | pidman / pm2 | pidman / s-s-d |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|"]
for (metric, n), by_tool in rows.items():
    ours = by_tool.get("pidman")
    target = targets.get((metric, n))
    target_cell = "-" if target is None else f"≤ {fmt(target)} ({'met' if ours is not None and ours <= target else 'missed'})"
    cells = [fmt(by_tool[t]) if t in by_tool else "-" for t in ["pidman"]] + [target_cell] \
        + [fmt(by_tool[t]) if t in by_tool else "-" for t in ["floor"] + peers]
    ratios = [f"{ours / by_tool[t]:.2f}" if ours is not None and by_tool.get(t) else "-" for t in ["floor"] + peers]
    lines.append(f"| {names.get(metric, metric)} | {n} | " + " | ".join(cells + ratios) + " |")
table = "\n".join(lines)
print(table)

load = open("/proc/loadavg").read().split()[:3]
mem = next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))
doc = f"""# Benchmarks

Measured by `bench/run.sh` on {datetime.date.today().isoformat()}: {os.cpu_count()} cores,
{int(mem) // 1024} MiB memory, {platform.platform()}, load average at the end {' / '.join(load)}.
Every tool ran the same services (`sleep` processes) on the same machine in one run; ratios below 1
mean pidman is faster or smaller. Times are medians of `hyperfine -N` runs unless the row says otherwise.

{table}

How each figure is taken (see `bench/run.sh` for the exact commands):
- **floor**: the least a program must do for the case, from the same run: a NativeAOT hello world
  built as pidman is (`bench/hello`) for start-up, and `bench/floor.c` (compiled by the script) for
  the rest: `floor status` reads each PID file, its identity record, `/proc/N/stat`, `/proc/N/cmdline`
  and the instance's `cgroup.procs` (the files pidman's status reads; the registered-services row
  compares with `floor status-min`: PID file and `/proc/N/stat` only); `floor stop` reads the PID,
  pidfd_open, SIGTERM, poll, unlink; `floor spawn 10` posix_spawns 10 detached `sleep`s;
  `floor sweep` takes one flock on the directory and unlinks every file whose PID is gone.
- **status**: `pidman status --json` in the project (services from `pidman.toml`) and
  `pidman --dir local/pid status --json` (the same PID files, no config);
  `supervisorctl -c sup.conf status`, `pm2 jlist`, and a bash loop of
  `start-stop-daemon --status --pidfile F` over the N PID files.
- **start all / stop all**: wall time of `pidman start` / `pidman stop --all`; `supervisord -c`
  until `supervisorctl status` shows N RUNNING / `supervisorctl stop all`; `pm2 start eco.json`
  until `pm2 jlist` shows N online / `pm2 stop all`; a loop of `start-stop-daemon --start
  --background --make-pidfile` / `--stop --retry TERM/5` (64 in parallel; it waits until the
  process is gone, zombie included, and its daemonized children are orphans whose zombies last
  until PID 1 reaps them, about every 2 s on these machines, which dominates its stop times).
  `pidman start` includes its 1 s watch for services that die at once; **start of 10** turns it off
  (`[settings] startup_window = "0s"`) and compares with a loop of 10 `start-stop-daemon --start`.
- **stop one: wait**: the time `pidman stop` reports from the signal to the observed exit (pidfd).
- **stop one prompt service, whole command**: `pidman stop -q s1` (a service that exits at once on
  SIGTERM), with 100 and then 1,000 unrelated idle processes on the machine; start-stop-daemon's
  `--retry TERM/5` waits for the orphan's zombie to be reaped by PID 1, which is what its figure shows.
- **supervisor RSS idle**: VmRSS of `pidman up -d`, supervisord, and the pm2 daemon, 2 s after
  all N services run; "1,000 other processes": the same for pidman with 1,000 unrelated idle
  processes (each leading its own session) running when the supervisor starts. Once its starts
  have settled, pidman's supervisor runs a compacting GC that returns free memory to the system and
  asks the kernel (madvise MADV_PAGEOUT) to drop the pages of its own code that only start-up used;
  they stay in the page cache and come back on a minor fault if needed. By hand:
  `pidman up -d; sleep 3; grep VmRSS /proc/$(pidman pid pidman --type supervisor)/status`.
- **the supervisor's line stamper**: VmRSS and RssAnon (its private memory; the rest is the
  `pidman-stamp` binary's pages, shared) of the one stamper process that carries all N services'
  output to their logs under `pidman up -d` (supervisord and pm2 do that inside their daemon).
- **status over PID files**: `pidman --dir D status --json` over 1,000, 10,000 and 50,000 files,
  live (10 processes behind verified files) and stale (every file's PID gone: each run removes them
  all, so each run starts from a fresh copy); then the number of files left in `.pidman/` (its
  `.pidman-state` marker, by which pidman knows its own folder, is not counted).
- **idle supervisor**: with N services running, adopted (`pidman start`, then `pidman up -d`) and as
  its own children (`pidman up -d` alone), 2 s after all run: its utime + stime over 10 s (from
  `/proc/PID/stat`, per mille of one core), then `strace -c -f -p PID` over 10 s: system calls and
  `openat` calls. Exits are watched by pidfd and its one timer is set to what falls due next, so
  between events it should make no call; the 10 s log-rotation check is one `statx` per log.
- **stop s7: files of other services**: `strace -f -e trace=openat pidman stop s7` in the project
  of N; the opens of files named for another service (`s1.pid`, `s12.json`, ...).
"""
open(out_path, "w").write(doc)
