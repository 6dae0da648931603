using System.Runtime.InteropServices;
using Pidman.Exceptions;
using Pidman.Interop;

namespace Pidman.Processes;

/// <summary>
/// The line stamper: a small process between a service and its log (<c>pidman __stamp-log LOG</c>). It reads the
/// service's output from a pipe and appends it to the log, every line starting with its <see cref="LogStamp"/>: what
/// <c>logs --since</c> and <c>--timestamps</c> read. It holds nothing back (a prompt without a newline is written at
/// once; the rest of its line joins it unstamped), never stops reading (output the log cannot take, on a full disk, is
/// dropped rather than blocking the service), and exits at end of input: when the service and every process that
/// inherited its output have exited.
/// </summary>
/// <remarks>
/// While it runs it holds a shared open-file-description lock on the log, taken by the starter before it spawns (or by
/// itself, behind tmux). <see cref="WaitForDrain"/> waits for that lock to go: a stop's banner, and a failed start's
/// tail, come after the service's last lines.
/// </remarks>
public static class LineStamper
{
    /// <summary>The hidden verb of the pidman executable that runs <see cref="Run"/>.</summary>
    public const string Verb = "__stamp-log";

    private const int ChunkBytes = 64 * 1024;

    /// <summary>The stamper's loop: stdin to stdout, stamped; returns the exit code.</summary>
    public static int Run()
    {
        using var log = HoldLock();
        // A stop signal must not end it before end of input: what it has not read yet would be lost (tmux sends SIGTERM
        // to its pipe-pane command when the window closes, after the service has exited).
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = true);
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);
        var stdin = new FileDescriptor(0, owns: false);
        var stdout = new FileDescriptor(1, owns: false);
        var input = new byte[ChunkBytes];
        var output = new byte[ChunkBytes * 2];
        Span<byte> stamp = stackalloc byte[LogStamp.Length];
        bool lineStart = true;
        while (true)
        {
            int n = Libc.ReadOnce(stdin, input, out var errno);
            if (n <= 0) return n == 0 || errno == Errno.None ? 0 : 1;
            LogStamp.Write(DateTime.UtcNow, stamp);
            int o = 0;
            for (int i = 0; i < n;)
            {
                if (output.Length - o < LogStamp.Length + 1) o = Flush(stdout, output, o);
                if (lineStart)
                {
                    stamp.CopyTo(output.AsSpan(o));
                    o += LogStamp.Length;
                }
                int newline = input.AsSpan(i, n - i).IndexOf((byte)'\n');
                int end = newline < 0 ? n : i + newline + 1;
                int take = Math.Min(end - i, output.Length - o);
                input.AsSpan(i, take).CopyTo(output.AsSpan(o));
                o += take;
                i += take;
                lineStart = i == end && newline >= 0;
            }
            Flush(stdout, output, o);
        }
    }

    private static int Flush(FileDescriptor fd, byte[] buffer, int count)
    {
        Libc.WriteAll(fd, buffer.AsSpan(0, count), out _); // a full disk drops output; the service must not block on it
        return 0;
    }

    /// <summary>The shared lock on the log (stdout): on stdout itself when the starter opened it for reading too, else on a descriptor of our own.</summary>
    private static FileDescriptor? HoldLock()
    {
        if (Libc.SetSharedOfdLock(1) != Errno.EBADF) return null;
        var own = Libc.Open("/proc/self/fd/1", Libc.O_RDONLY, 0, out _);
        Libc.SetSharedOfdLock(own.Value);
        return own;
    }

    /// <summary>
    /// Starts a stamper for the log <paramref name="logIo"/> (opened here, never through a symlink, and locked before the
    /// stamper runs) and returns the write end of its pipe: the service's stdout and stderr. <paramref name="executable"/>
    /// is the pidman executable; <paramref name="logShown"/>, the log as users see it, is the stamper's argument, for ps.
    /// </summary>
    /// <exception cref="PidmanException">The log, the pipe or the spawn failed; the message says which.</exception>
    internal static FileDescriptor Start(string executable, string logIo, string logShown)
    {
        using var log = Libc.Open(logIo, Libc.O_RDWR | Libc.O_APPEND | Libc.O_CREAT | Libc.O_NOFOLLOW, 0x1A4 /* 0644 */, out var errno);
        if (log.IsInvalid) throw new PidmanException($"cannot open {logShown}: {errno}");
        Libc.SetSharedOfdLock(log.Value);
        if (Libc.Pipe(out var read, out var write) is not Errno.None and var failed)
            throw new PidmanException($"cannot create the output pipe for {logShown}: {failed}");
        using (read)
        {
            try
            {
                Spawner.Spawn(new SpawnRequest([executable, Verb, logShown], "/", new Dictionary<string, string>(), null) { InputFd = read.Value, OutputFd = log.Value });
            }
            catch
            {
                write.Dispose();
                throw;
            }
        }
        return write;
    }

    /// <summary>How long a stop or a failed start waits for the stamper to append a service's last lines before its banner.</summary>
    internal static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Waits up to <paramref name="timeout"/> until no stamper writes to the log <paramref name="logIo"/> any more (its
    /// writers have all exited and it has appended what they wrote); true if none does. A log without a stamper returns at once.
    /// </summary>
    internal static bool WaitForDrain(string logIo, TimeSpan timeout)
    {
        using var log = Libc.Open(logIo, Libc.O_RDONLY | Libc.O_NOFOLLOW, 0, out _);
        if (log.IsInvalid) return true;
        var deadline = DateTime.UtcNow + timeout;
        for (int pause = 1; Libc.IsOfdLocked(log); pause = Math.Min(pause * 2, 20))
        {
            if (DateTime.UtcNow >= deadline) return false;
            Thread.Sleep(pause); // no event tells a lock's release; the stamper is usually done within a millisecond or two
        }
        return true;
    }
}
