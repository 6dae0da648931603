using System.Runtime.InteropServices;
using Pidman.Os;
using Pidman.Os.Fs;
using Pidman.Os.Interop;

namespace Pidman.Logs;

/// <summary>
/// The line stamper: a small process between services and their logs. It reads each service's output from a pipe and
/// appends it to the service's log, every line starting with its <see cref="LogStamp"/>: what <c>logs --since</c> and
/// <c>--timestamps</c> read. It holds nothing back (a prompt without a newline is written at once; the rest of its line
/// joins it unstamped) and never stops reading (output the log cannot take, on a full disk, is dropped rather than
/// blocking the service). A log is let go when every process that holds its pipe has exited.
/// </summary>
/// <remarks>
/// Two forms. <c>pidman __stamp-log --serve LOGDIR</c>: one per pidman process that starts background services
/// (<see cref="StamperConnection"/>), handed each service's pipe and log over a private socket on stdin; it exits when
/// that socket is closed (its pidman has exited) and every pipe has ended. <c>pidman __stamp-log --append LOG</c>: a filter
/// from stdin to LOG (opened by the trust rule for files, as pidman opens logs: never through a link, never a FIFO or
/// another user's file), tmux's <c>pipe-pane</c> command for one window.
/// While it writes a log, it holds a shared open-file-description lock on it (taken by the starter before it hands the
/// log over, or by the filter itself); <see cref="WaitForDrain"/> waits for that lock to go, so a stop's banner and a
/// failed start's tail come after the service's last lines.
/// </remarks>
internal static class LineStamper
{
    /// <summary>The hidden verb of the pidman executable that runs <see cref="Run"/>.</summary>
    public const string Verb = "__stamp-log";

    /// <summary>The form of <see cref="Verb"/> that serves a <see cref="StamperConnection"/>.</summary>
    internal const string ServeFlag = "--serve";

    /// <summary>The form of <see cref="Verb"/> that stamps its stdin into one log.</summary>
    internal const string AppendFlag = "--append";

    private const int ChunkBytes = 64 * 1024;

    /// <summary>How long a stop or a failed start waits for the stamper to append a service's last lines before its banner.</summary>
    internal static readonly TimeSpan DrainWait = TimeSpan.FromSeconds(2);

    /// <summary>The name of the stamper's own binary, published beside pidman.</summary>
    public const string BinaryName = "pidman-stamp";

    /// <summary>
    /// What to run the stamper with: <see cref="BinaryName"/> beside <paramref name="pidman"/> (half pidman's start-up and a
    /// quarter of its private memory) when it is there and as trusted as pidman - a regular file, not a link, owned by
    /// root or by pidman's owner and writable by its owner alone -, else pidman itself, whose <see cref="Verb"/> is the same
    /// loop. A binary anyone else could have put there would run as whoever runs pidman.
    /// </summary>
    internal static string ExecutableBeside(string pidman)
    {
        string beside = Path.Combine(Path.GetDirectoryName(pidman) ?? "/", BinaryName);
        return ExecutableTrust.IsAsTrustedAs(beside, pidman) ? beside : pidman;
    }

    /// <summary>The stamper's loop for <paramref name="args"/> (<c>__stamp-log --serve DIR</c> or <c>__stamp-log --append LOG</c>); returns the exit code.</summary>
    public static int Run(string[] args)
    {
        // A stop signal must not end it while it has unread output: that would be lost (tmux sends SIGTERM to its
        // pipe-pane command when the window closes, after the service has exited), and its services would get SIGPIPE.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => c.Cancel = true);
        using var hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);
        using var intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true);
        var buffers = new Buffers();
        if (args is [_, ServeFlag, ..]) return Serve(new DescriptorChannel(new FileDescriptor(0)), buffers);
        if (args is not [_, AppendFlag, var path])
        {
            Console.Error.WriteLine($"usage: {Verb} {ServeFlag} DIR | {Verb} {AppendFlag} LOG");
            return 2;
        }
        FileDescriptor log;
        try
        {
            log = TrustedFile.OpenForAppend(path, path, readable: true);
        }
        catch (Exceptions.PidmanException e)
        {
            Console.Error.WriteLine($"pidman: {e.Message}");
            return 1;
        }
        OfdLock.TakeShared(log);
        using var only = new Stream(new FileDescriptor(0, owns: false), log);
        while (only.Pump(buffers)) { }
        return 0;
    }

    /// <summary>Serves the pipes and logs that arrive on <paramref name="channel"/> until it has closed and every pipe has ended.</summary>
    private static int Serve(DescriptorChannel channel, Buffers buffers)
    {
        var streams = new List<Stream>();
        bool listening = true;
        int[] fds = [];
        bool[] ready = [];
        bool changed = true;
        while (listening || streams.Count > 0)
        {
            if (changed) // the descriptors to poll change only when a stream comes or goes: no garbage per read
            {
                fds = [.. streams.Select(s => s.Input.Value), .. listening ? [channel.Socket.Value] : Array.Empty<int>()];
                ready = new bool[fds.Length];
                changed = false;
            }
            if (!Pipes.WaitAnyReadable(fds, ready)) return 1;
            for (int i = streams.Count - 1; i >= 0; i--)
            {
                if (!ready[i] || streams[i].Pump(buffers)) continue;
                streams[i].Dispose(); // its writers are gone: the log (and its lock) is let go
                streams.RemoveAt(i);
                changed = true;
            }
            if (listening && ready[^1])
            {
                if (channel.Receive(out bool ended) is var (pipe, log)) streams.Add(new Stream(pipe, log));
                if (ended)
                {
                    listening = false;
                    channel.Dispose();
                }
                changed = true;
            }
        }
        return 0;
    }

    /// <summary>The two buffers every stream's copying shares (the stamper is single-threaded).</summary>
    private sealed class Buffers
    {
        public readonly byte[] Input = new byte[ChunkBytes];
        public readonly byte[] Output = new byte[ChunkBytes * 2];
    }

    /// <summary>One service's output: the pipe it writes, the log it goes to, and its framing.</summary>
    private sealed class Stream : IDisposable
    {
        private readonly FileDescriptor _input;
        private readonly FileDescriptor _log;
        private readonly LineFramer _framer = new();
        private readonly FramedBytes _append;

        public Stream(FileDescriptor input, FileDescriptor log)
        {
            (_input, _log) = (input, log);
            _append = bytes => Pipes.AppendOrDrop(_log, bytes); // a full disk drops output; the service must not block on it
        }

        public FileDescriptor Input => _input;

        /// <summary>Copies what one read(2) returns, stamped; false at end of input.</summary>
        public bool Pump(Buffers buffers)
        {
            int n = Pipes.ReadSome(_input, buffers.Input);
            if (n <= 0) return false;
            Span<byte> stamp = stackalloc byte[LogStamp.Length];
            LogStamp.Write(DateTime.UtcNow, stamp);
            _framer.Frame(buffers.Input.AsSpan(0, n), stamp, buffers.Output, _append);
            return true;
        }

        public void Dispose()
        {
            _input.Dispose();
            _log.Dispose();
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> until no stamper writes to the log <paramref name="logIo"/> any more (its
    /// writers have all exited and it has appended what they wrote); true if none does. A log without a stamper returns
    /// at once. The stamper's lock goes when it closes the log (behind tmux: its own read-only descriptor of it).
    /// </summary>
    internal static bool WaitForDrain(string logIo, TimeSpan timeout) => OfdLock.WaitUntilReleased(logIo, timeout);
}
