using Pidman.Services;
using Pidman.Stopping;

namespace Pidman.Supervision;

/// <summary>The supervisor's answer: the same result records a command gets without a supervisor, so output has one shape either way.</summary>
/// <param name="ExitCode">0, or the exit code of a failure.</param>
/// <param name="Error">Why the request was refused, if it was.</param>
/// <param name="Instances">status: every supervised instance.</param>
/// <param name="Started">start/restart: one outcome per instance.</param>
/// <param name="Stopped">stop/restart/unregister: one result per service.</param>
internal sealed record ControlResponse(int ExitCode, string? Error, IReadOnlyList<InstanceReport> Instances, IReadOnlyList<StartOutcome> Started, IReadOnlyList<StopResult> Stopped)
{
    /// <summary>True while the supervisor stops everything before it exits.</summary>
    public bool ShuttingDown { get; init; }

    /// <summary>unregister: true when a PID file was removed.</summary>
    public bool Unregistered { get; init; }

    /// <summary>reload: what changed (<c>added: b</c>, <c>removed: c</c>, <c>restarted: a</c>, <c>unchanged: d</c>).</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>A refusal with its reason.</summary>
    public static ControlResponse Refused(string error) => new(2, error, [], [], []);
}
