// The floors bench/run.sh compares pidman with: the least a program must do for each measured case, in C, with no
// safety checks beyond what the syscalls themselves give. Built by bench/run.sh (cc -O2 -o floor floor.c).
//
//   floor status DIR      for each DIR/*.pid: the PID file, its .pidman/<stem>.json record, /proc/N/stat, /proc/N/cmdline,
//                         and the record's cgroup.procs: the same files pidman's `status` reads
//   floor status-min DIR  for each DIR/*.pid: the PID file and /proc/N/stat only
//   floor stop FILE       read the PID, pidfd_open, SIGTERM, poll until it exits, unlink the file
//   floor spawn N         posix_spawn N detached `sleep` children, each leading its own session (POSIX_SPAWN_SETSID),
//                         output to /dev/null; prints their PIDs
//   floor sweep DIR       one exclusive flock on DIR, then for each DIR/*.pid: read it, and unlink it if /proc/N is gone
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

static int read_small(int dirfd, const char *path, char *buf, size_t size) {
  int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return -1;
  ssize_t n = read(fd, buf, size - 1);
  close(fd);
  if (n < 0) return -1;
  buf[n] = 0;
  return (int)n;
}

static int is_pid_file(const char *name) {
  size_t len = strlen(name);
  return len > 4 && strcmp(name + len - 4, ".pid") == 0;
}

static int status(const char *dir, int full) {
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int sfd = openat(dfd, ".pidman", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR *d = fdopendir(dup(dfd));
  struct dirent *e;
  char buf[16384], path[512];
  int running = 0;
  while ((e = readdir(d))) {
    if (!is_pid_file(e->d_name)) continue;
    if (read_small(dfd, e->d_name, buf, sizeof buf) <= 0) continue;
    int pid = atoi(buf);
    if (full && sfd >= 0) {
      snprintf(path, sizeof path, "%.*s.json", (int)(strlen(e->d_name) - 4), e->d_name);
      if (read_small(sfd, path, buf, sizeof buf) > 0) {
        char *cg = strstr(buf, "\"cgroup\": \"");
        if (cg) {
          cg += 11;
          char *end = strchr(cg, '"');
          if (end) {
            snprintf(path, sizeof path, "%.*s/cgroup.procs", (int)(end - cg), cg);
            read_small(AT_FDCWD, path, buf, sizeof buf);
          }
        }
      }
    }
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_small(AT_FDCWD, path, buf, sizeof buf) > 0) running++;
    if (full) {
      snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
      read_small(AT_FDCWD, path, buf, sizeof buf);
    }
  }
  printf("%d running\n", running);
  return 0;
}

static int stop(const char *file) {
  char buf[32];
  if (read_small(AT_FDCWD, file, buf, sizeof buf) <= 0) return 1;
  int pid = atoi(buf);
  int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (pfd < 0) return 1;
  syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0);
  struct pollfd p = {.fd = pfd, .events = POLLIN};
  poll(&p, 1, 10000);
  unlink(file);
  return 0;
}

static int spawn(int n) {
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  char *argv[] = {"sleep", "4444444", NULL};
  for (int i = 0; i < n; i++) {
    pid_t pid;
    if (posix_spawnp(&pid, "sleep", &actions, &attr, argv, environ) != 0) return 1;
    printf("%d\n", pid);
  }
  return 0;
}

static int sweep(const char *dir) {
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  flock(dfd, LOCK_EX);
  DIR *d = fdopendir(dup(dfd));
  struct dirent *e;
  char buf[32], path[64];
  int removed = 0;
  while ((e = readdir(d))) {
    if (!is_pid_file(e->d_name)) continue;
    if (read_small(dfd, e->d_name, buf, sizeof buf) <= 0) continue;
    snprintf(path, sizeof path, "/proc/%d/stat", atoi(buf));
    if (access(path, F_OK) != 0 && unlinkat(dfd, e->d_name, 0) == 0) removed++;
  }
  printf("%d removed\n", removed);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "status") == 0) return status(argv[2], 1);
  if (argc == 3 && strcmp(argv[1], "status-min") == 0) return status(argv[2], 0);
  if (argc == 3 && strcmp(argv[1], "stop") == 0) return stop(argv[2]);
  if (argc == 3 && strcmp(argv[1], "spawn") == 0) return spawn(atoi(argv[2]));
  if (argc == 3 && strcmp(argv[1], "sweep") == 0) return sweep(argv[2]);
  fprintf(stderr, "usage: floor status|status-min|stop|spawn|sweep ARG\n");
  return 2;
}
