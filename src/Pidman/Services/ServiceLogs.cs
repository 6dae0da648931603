using Pidman.PidFiles;

namespace Pidman.Services;

/// <summary>
/// Where service output goes: the names users see, and - held open like the PID directory (<see cref="HeldDirectory"/>),
/// so a renamed or swapped-in component cannot redirect what pidman and its services write - the paths to write to.
/// <c>stamper</c>: the pidman executable, to run the <see cref="Processes.LineStamper"/> between each service and its
/// log; null: services write their logs directly and their lines carry no time.
/// </summary>
internal sealed class ServiceLogs(string root, string path, long maxBytes = Config.ProjectSettings.DefaultLogMaxBytes, int keep = Config.ProjectSettings.DefaultLogKeep, string? stamper = null)
{
    private readonly Lock _gate = new();
    private HeldDirectory? _held;

    /// <summary>Reaches and checks the log directory now if it exists (it is created on the first write).</summary>
    /// <exception cref="Exceptions.PidmanException">A directory on the way breaks the trust rule.</exception>
    public void Check()
    {
        lock (_gate) _held ??= HeldDirectory.Open(root, path, create: false);
    }

    /// <summary>The log of <paramref name="name"/> as users see it (<c>local/log/web.log</c>).</summary>
    public string Shown(PidFileName name) => LogFiles.PathFor(path, name);

    /// <summary>The same log through the held directory, created if missing: for writing.</summary>
    public string Io(PidFileName name)
    {
        lock (_gate)
        {
            _held ??= HeldDirectory.Open(root, path, create: true)!;
            return _held.File(name.Stem + ".log");
        }
    }

    /// <summary>Rotates <paramref name="name"/>'s log if it has reached <c>log_max_size</c> (<see cref="LogFiles.RotateIfLarge"/>).</summary>
    public bool RotateIfLarge(PidFileName name) => LogFiles.RotateIfLarge(Io(name), maxBytes, keep);

    /// <summary>Both names of <paramref name="name"/>'s log.</summary>
    public LogTarget For(PidFileName name) => new(Io(name), Shown(name), stamper);
}

/// <summary>
/// An instance's log: <paramref name="Io"/> to write to, <paramref name="Shown"/> for messages and for tmux (another
/// process), <paramref name="Stamper"/> the pidman executable that stamps its lines (null: none).
/// </summary>
internal sealed record LogTarget(string Io, string Shown, string? Stamper);
