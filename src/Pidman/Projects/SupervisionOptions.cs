namespace Pidman.Projects;

/// <summary>How <see cref="Project.SuperviseAsync"/> runs the supervisor in this process.</summary>
public sealed record SupervisionOptions
{
    /// <summary>
    /// Receives the events and every service's new log lines as (source, line): the foreground stream of <c>pidman up</c>.
    /// Null: nothing is streamed (the logs and the event log still are written).
    /// </summary>
    public Action<string, string>? Output { get; init; }

    /// <summary>When this service ends, everything stops and its exit code is the run's (<c>--exit-with</c>).</summary>
    public string? ExitWith { get; init; }

    /// <summary>When any service that is not a one-shot job ends, everything stops (<c>--abort-on-container-exit</c>).</summary>
    public bool AbortOnExit { get; init; }

    /// <summary>
    /// SIGINT and SIGTERM of this process shut the supervisor down (a second one forces), as in <c>pidman up</c>. Off by
    /// default: a host keeps its own signals and shuts the supervisor down by the cancellation token.
    /// </summary>
    public bool HandleSignals { get; init; }
}
