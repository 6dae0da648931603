"""Turns bench/run.sh's results into the printed table and docs/BENCHMARKS.md."""
import collections, datetime, os, platform, subprocess, sys

results_path, out_path = sys.argv[1], sys.argv[2]
rows = collections.OrderedDict()
for line in open(results_path):
    metric, n, tool, value = line.rstrip("\n").split("\t")
    rows.setdefault((metric, n), {})[tool] = float(value)

peers = ["supervisord", "pm2", "start-stop-daemon"]
names = {
    "start-all": "start all (ms)", "status": "status, median (ms)", "stop-all": "stop all (ms)",
    "stop-one-wait": "stop one: wait from signal to exit (ms)", "rss-idle-kib": "supervisor RSS idle (KiB)",
    "rss-idle-busy-kib": "supervisor RSS idle, 1,000 other processes (KiB)",
    "stop-one-cli": "stop one prompt service, whole command (ms)", "status-files": "status over PID files, median (ms)",
}
lines = ["| measure | N | pidman | supervisord | pm2 | start-stop-daemon | pidman / supervisord | pidman / pm2 | pidman / s-s-d |",
         "|---|---|---|---|---|---|---|---|---|"]
for (metric, n), by_tool in rows.items():
    ours = by_tool.get("pidman")
    cells = [f"{by_tool[t]:g}" if t in by_tool else "-" for t in ["pidman"] + peers]
    ratios = [f"{ours / by_tool[t]:.2f}" if ours is not None and by_tool.get(t) else "-" for t in peers]
    lines.append(f"| {names.get(metric, metric)} | {n} | " + " | ".join(cells + ratios) + " |")
table = "\n".join(lines)
print(table)

mem = next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))
doc = f"""# Benchmarks

Measured by `bench/run.sh` on {datetime.date.today().isoformat()}: {os.cpu_count()} cores,
{int(mem) // 1024} MiB memory, {platform.platform()}. Every tool ran the same services
(`sleep` processes) on the same machine in one run; ratios below 1 mean pidman is faster or smaller.

{table}

How each figure is taken (see `bench/run.sh` for the exact commands):
- **status**: `hyperfine -N` median of 15 runs (3 warm-up) of `pidman status --json`,
  `supervisorctl -c sup.conf status`, `pm2 jlist`, and a bash loop of
  `start-stop-daemon --status --pidfile F` over the N PID files.
- **start all / stop all**: wall time of `pidman start` / `pidman stop --all`; `supervisord -c`
  until `supervisorctl status` shows N RUNNING / `supervisorctl stop all`; `pm2 start eco.json`
  until `pm2 jlist` shows N online / `pm2 stop all`; a loop of `start-stop-daemon --start
  --background --make-pidfile` / `--stop --retry TERM/5` (64 in parallel; it waits until the
  process is gone, zombie included, and its daemonized children are orphans whose zombies last
  until PID 1 reaps them, about every 2 s on these machines, which dominates its stop times).
  `pidman start` includes its 1 s watch for services that die at once (`[settings]
  startup_window = "0s"` turns it off).
- **stop one: wait**: the time `pidman stop` reports from the signal to the observed exit (pidfd).
- **supervisor RSS idle**: VmRSS of `pidman up -d`, supervisord, and the pm2 daemon, 2 s after
  all N services run; "1,000 other processes": the same for pidman with 1,000 unrelated idle
  processes (each leading its own session) running when the supervisor starts. Once its starts
  have settled, pidman's supervisor runs a compacting GC that returns free memory to the system and
  asks the kernel (madvise MADV_PAGEOUT) to drop the pages of its own code that only start-up used;
  they stay in the page cache and come back on a minor fault if needed. By hand:
  `pidman up -d; sleep 3; grep VmRSS /proc/$(pidman pid pidman --type supervisor)/status`.
- **status over PID files**: `pidman --dir D status --json` over 1,000 and 10,000 files, live
  (10 processes behind verified files) and stale (every file's PID gone: each run removes them
  all, so each run starts from a fresh copy).
"""
open(out_path, "w").write(doc)
