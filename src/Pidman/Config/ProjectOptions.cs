namespace Pidman.Config;

/// <summary>How to find a project: the CLI's <c>--root</c> and <c>--dir</c>, and where discovery starts.</summary>
public sealed record ProjectOptions
{
    /// <summary>The project root (<c>--root</c>); else <c>PIDMAN_ROOT</c>; else the nearest folder upward holding <c>pidman.toml</c> or <c>Procfile</c>; else the working directory.</summary>
    public string? Root { get; init; }

    /// <summary>The PID directory (<c>--dir</c>, relative to the working directory); else <c>PIDMAN_DIR</c>; else <c>[settings] pid_dir</c>; else <c>&lt;root&gt;/local/pid</c>.</summary>
    public string? PidDirectory { get; init; }

    /// <summary>Where discovery starts and relative paths resolve; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Receives warnings that do not stop a verb (a supervisor that died, one that does not answer a status).</summary>
    public Action<string>? Warn { get; init; }
}
