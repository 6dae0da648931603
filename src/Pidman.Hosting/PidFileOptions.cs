using Pidman.PidFiles;

namespace Pidman.Hosting;

/// <summary>Where and as what the host registers its PID file.</summary>
public sealed class PidFileOptions
{
    /// <summary>
    /// The configuration section the options are bound from (<c>appsettings.json</c>'s <c>"PidFile": { "Directory": ... }</c>,
    /// <c>PidFile__Directory</c> in the environment, <c>--PidFile:StopTimeout 00:01:00</c>); what <c>AddPidFile</c>'s own
    /// arguments set wins over it.
    /// </summary>
    public const string Section = "PidFile";

    /// <summary>The service name: the file is <c>&lt;service&gt;.pid</c> (or <c>&lt;type&gt;_&lt;service&gt;.pid</c>).</summary>
    public string Service { get; set; } = "";

    /// <summary>The PID type; <c>process</c> by default.</summary>
    public string Type { get; set; } = PidFileName.DefaultType;

    /// <summary>The PID directory; null finds it as the CLI does (PIDMAN_DIR, else the project's <c>[settings] pid_dir</c>, else &lt;root&gt;/local/pid).</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// How long <c>pidman stop</c> (without <c>--timeout</c>) waits for the host to stop after SIGTERM before SIGKILL; null:
    /// the host's <c>HostOptions.ShutdownTimeout</c> (30 s by default) and 5 s for the host to exit after it.
    /// </summary>
    public TimeSpan? StopTimeout { get; set; }
}
