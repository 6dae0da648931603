using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>
/// Learns of processes' exits the moment they happen, with nothing done meanwhile: one thread blocks in poll(2) on a pidfd
/// per watched process (readable once it has exited) and a pipe that wakes it when the set changes. It replaces a
/// look at every process on every tick (a supervisor of 200 services read their PID files five times a second).
/// </summary>
internal sealed class ExitWatcher : IDisposable
{
    private readonly Action<object> _exited;
    private readonly Lock _gate = new();
    private readonly Dictionary<object, FileDescriptor> _watched = [];
    private readonly List<FileDescriptor> _closing = [];
    private readonly FileDescriptor _wakeRead, _wakeWrite;
    private readonly Thread _thread;
    private volatile bool _disposed;

    /// <summary>Watches nothing yet; <paramref name="exited"/> is called (on the watcher's thread) with the key of each watched process that exits, once.</summary>
    internal ExitWatcher(Action<object> exited)
    {
        _exited = exited;
        if (Libc.Pipe(out _wakeRead, out _wakeWrite) is not Errno.None and var failed)
            throw new Exceptions.PidmanException($"cannot create the exit watcher's pipe: {failed.Describe()}", failed.AsException());
        _thread = new Thread(Loop) { IsBackground = true, Name = "pidman exits" };
        _thread.Start();
    }

    /// <summary>Watches <paramref name="pid"/> under <paramref name="key"/>; false when it cannot (gone already, or no pidfd here): the caller looks itself.</summary>
    internal bool Watch(object key, int pid)
    {
        var pidfd = Libc.PidfdOpen(pid, out _);
        if (pidfd.IsInvalid)
        {
            pidfd.Dispose();
            return false;
        }
        lock (_gate)
        {
            if (_watched.Remove(key, out var old)) _closing.Add(old);
            _watched[key] = pidfd;
        }
        Wake();
        return true;
    }

    /// <summary>Stops watching <paramref name="key"/> (its process was stopped on purpose, or is watched another way).</summary>
    internal void Unwatch(object key)
    {
        lock (_gate)
        {
            if (!_watched.Remove(key, out var pidfd)) return;
            _closing.Add(pidfd); // closed by the loop, never under a poll that still holds it
        }
        Wake();
    }

    private void Wake() => Libc.WriteAll(_wakeWrite, [1], out _);

    private void Loop()
    {
        Span<byte> drain = stackalloc byte[64];
        while (!_disposed)
        {
            KeyValuePair<object, FileDescriptor>[] watched;
            lock (_gate)
            {
                foreach (var fd in _closing) fd.Dispose();
                _closing.Clear();
                watched = [.. _watched];
            }
            int[] fds = [_wakeRead.Value, .. watched.Select(w => w.Value.Value)];
            var ready = new bool[fds.Length];
            if (!Libc.PollAny(fds, ready)) return;
            if (ready[0]) Libc.ReadOnce(_wakeRead, drain, out _);
            for (int i = 1; i < fds.Length; i++)
            {
                if (!ready[i]) continue;
                var (key, pidfd) = watched[i - 1];
                lock (_gate)
                {
                    if (!_watched.TryGetValue(key, out var current) || current != pidfd) continue; // unwatched or replaced meanwhile
                    _watched.Remove(key);
                    _closing.Add(pidfd);
                }
                _exited(key);
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Wake();
        _thread.Join(TimeSpan.FromSeconds(2));
        lock (_gate)
        {
            foreach (var fd in _watched.Values.Concat(_closing)) fd.Dispose();
            _watched.Clear();
            _closing.Clear();
        }
        _wakeRead.Dispose();
        _wakeWrite.Dispose();
    }
}
