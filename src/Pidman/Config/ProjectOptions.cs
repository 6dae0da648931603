using Pidman.PidFiles;

namespace Pidman.Config;

/// <summary>How to find a project: the CLI's <c>--root</c> and <c>--dir</c>, and where discovery starts.</summary>
public sealed record ProjectOptions
{
    /// <summary>The project root (<c>--root</c>); else <c>PIDMAN_ROOT</c>; else the nearest folder upward holding <c>pidman.toml</c> or <c>Procfile</c>; else the working directory.</summary>
    public string? Root { get; init; }

    /// <summary>The PID directory (<c>--dir</c>, relative to the working directory); else <c>PIDMAN_DIR</c>; else <c>[settings] pid_dir</c>; else <c>&lt;root&gt;/local/pid</c>.</summary>
    public string? PidDirectory { get; init; }

    /// <summary>
    /// The config file (<c>-f/--file</c>, relative to the working directory): a <c>pidman.toml</c> (any name ending in
    /// <c>.toml</c>) or a Procfile by any name (<c>Procfile.dev</c>); else <c>PIDMAN_FILE</c>; else discovery. The root is
    /// then the file's folder unless <see cref="Root"/> says otherwise.
    /// </summary>
    public string? ConfigFile { get; init; }

    /// <summary>
    /// Env files (<c>-e/--env-file</c>, repeatable, later ones win), else <c>PIDMAN_ENV_FILE</c> (comma-separated): read
    /// instead of a Procfile's <c>.env</c>, and under a <c>pidman.toml</c> service's own <c>env_file</c> and <c>env</c>.
    /// </summary>
    public IReadOnlyList<string> EnvFiles { get; init; } = [];

    /// <summary>
    /// foreman's <c>PORT</c> base (<c>-p/--port</c>): it wins over a <c>PORT</c> in the env files or the environment, and over
    /// <c>[settings] port</c> (all of which foreman's rule consults when it is not given).
    /// </summary>
    public int? Port { get; init; }

    /// <summary>How many instances of which services (<c>-m/--formation web=2,worker=3</c>), over the config's <c>scale</c>.</summary>
    public Formation? Formation { get; init; }

    /// <summary>Where discovery starts and relative paths resolve; the current directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// The pidman executable: the line stamper between services and their logs (<c>pidman-stamp</c> beside it, else
    /// <c>pidman __stamp-log</c>) begins every line with the time it arrived (what <c>logs --since</c> and
    /// <c>--timestamps</c> read). The CLI sets it to itself. Null: services write their logs directly and only pidman's
    /// banners carry a time.
    /// </summary>
    public string? LineStamper { get; init; }

    /// <summary>Receives warnings that do not stop a verb (a supervisor that died, one that does not answer a status).</summary>
    public Action<string>? Warn { get; init; }
}
