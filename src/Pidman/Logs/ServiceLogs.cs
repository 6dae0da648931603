using Pidman.Exceptions;
using Pidman.Os.Fs;
using Pidman.Os.Interop;
using Pidman.PidFiles;

namespace Pidman.Logs;

/// <summary>
/// Where service output goes: the log directory held open like the PID directory (<see cref="HeldDirectory"/>), every log
/// opened through it by the trust rule for files (<see cref="TrustedFile"/>), rotated through it. <c>stamper</c>: the pidman
/// executable, to run the <see cref="Logs.LineStamper"/> between each service and its log; null: services write their
/// logs directly and their lines carry no time. <c>warn</c> hears what is dropped rather than failing (a banner on a full disk).
/// </summary>
internal sealed class ServiceLogs(string root, string path, long maxBytes = Config.ProjectSettings.DefaultLogMaxBytes, int keep = Config.ProjectSettings.DefaultLogKeep, string? stamper = null, Action<string>? warn = null)
{
    /// <summary>The supervisor's event log in the log directory.</summary>
    internal const string EventLogName = "pidman.log";

    private readonly Lock _gate = new();
    private HeldDirectory? _held;

    /// <summary>The log directory as users see it.</summary>
    public string Directory => path;

    /// <summary>Reaches and checks the log directory now if it exists (it is created on the first write).</summary>
    /// <exception cref="PidmanException">A directory on the way breaks the trust rule.</exception>
    public void Check() => Held(create: false);

    /// <summary>The log of <paramref name="name"/> (<c>web.log</c>, <c>worker2_web.log</c>), its directory created if missing.</summary>
    public LogFile For(PidFileName name) => Named(name.Stem + ".log");

    /// <summary>The supervisor's event log.</summary>
    public LogFile EventLog => Named(EventLogName);

    /// <summary>Where <paramref name="name"/>'s output goes and who stamps it.</summary>
    public LogTarget Target(PidFileName name) => new(For(name), stamper);

    /// <summary>The log named <paramref name="fileName"/> in the directory (created if missing).</summary>
    public LogFile Named(string fileName) => new(System.IO.Path.Combine(path, fileName), Held(create: true)!.File(fileName));

    /// <summary>Every <c>*.log</c> in the directory (none when it does not exist), by name, each with the reason the trust rule refuses it, or null.</summary>
    public IReadOnlyList<(LogFile Log, string? Refusal)> List()
    {
        if (Held(create: false) is not { } held) return [];
        return System.IO.Directory.EnumerateFileSystemEntries(held.IoPath, "*.log").Order(StringComparer.Ordinal)
            .Select(io => new LogFile(System.IO.Path.Combine(path, System.IO.Path.GetFileName(io)), io))
            .Select(log => (log, TrustedFile.Problem(log.IoPath, log.Path))).ToList();
    }

    /// <summary>Opens <paramref name="log"/> for appending (and reading, for the stamper's lock) by the trust rule.</summary>
    /// <exception cref="PidmanException">It is a link, a FIFO, another user's ...: the message names it.</exception>
    public FileDescriptor OpenForAppend(LogFile log) => TrustedFile.OpenForAppend(log.IoPath, log.Path, readable: true);

    /// <summary>Appends a banner line to <paramref name="log"/>; one that cannot be written (a full disk) is dropped with a warning, never blocking the start or stop it marks.</summary>
    public void Banner(LogFile log, string text)
    {
        try
        {
            LogFiles.AppendBanner(log, text);
        }
        catch (PidmanException e)
        {
            warn?.Invoke($"banner not written: {e.Message}");
        }
    }

    /// <summary>The banner that ends a run, once the line stamper has appended the run's last lines (<see cref="LogFiles.WaitForDrain"/>).</summary>
    public void EndOfRunBanner(LogFile log, string text)
    {
        LogFiles.WaitForDrain(log);
        Banner(log, text);
    }

    /// <summary>
    /// Rotates <paramref name="name"/>'s log if it has reached <c>log_max_size</c> (<see cref="FileRotation.RotateIfLarge"/>).
    /// Housekeeping, never a reason to fail: a log that cannot be rotated (a link or another user's file in its place, a
    /// full disk) is left as it is, with a warning; opening it for a start then says what is wrong, if anything.
    /// </summary>
    public void RotateIfLarge(PidFileName name)
    {
        try
        {
            FileRotation.RotateIfLarge(Held(create: true)!, name.Stem + ".log", maxBytes, keep);
        }
        catch (PidmanException e)
        {
            warn?.Invoke($"log not rotated: {e.Message}");
        }
    }

    private HeldDirectory? Held(bool create)
    {
        lock (_gate) return _held ??= HeldDirectory.Open(root, path, create);
    }
}

/// <summary>An instance's log and the pidman executable that stamps its lines (null: none).</summary>
internal sealed record LogTarget(LogFile Log, string? Stamper);
