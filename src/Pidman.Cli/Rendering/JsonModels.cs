using Pidman.Containment;
using Pidman.PidFiles;
using Pidman.Projects;
using Pidman.Services;
using Pidman.Stopping;

namespace Pidman.Cli.Rendering;

// The documented --json documents (docs/json.md): records named after what they hold, serialized by CliJsonContext.
// Keys are the snake_case of the property names; enum values kebab-case.

/// <summary><c>list --json</c>.</summary>
internal sealed record ListJson(IReadOnlyList<string> Services);

/// <summary><c>cleanup --json</c>.</summary>
internal sealed record CleanupJson(bool DryRun, IReadOnlyList<PidEntry> Removed, IReadOnlyList<PidEntry> Kept, int TempFilesRemoved);

/// <summary><c>stop --json</c>, <c>down --json</c>, <c>unregister --json</c>.</summary>
internal sealed record StopJson(IReadOnlyList<StopLineJson> Results);

/// <summary>One stopped PID entry.</summary>
internal sealed record StopLineJson(string Service, string Type, int? Pid, StopOutcome Outcome, double ElapsedMs, string Message);

/// <summary><c>start --json</c>, <c>run --json</c>, <c>restart --json</c> (which adds what it stopped).</summary>
internal sealed record StartJson(IReadOnlyList<StartLineJson> Results, IReadOnlyList<StopLineJson>? Stopped = null);

/// <summary>One started instance.</summary>
internal sealed record StartLineJson(string Service, string Type, StartStatus Status, int? Pid, string Message, IReadOnlyList<string> LogTail);

/// <summary><c>signal --json</c>.</summary>
internal sealed record SignalJson(IReadOnlyList<SignalLineJson> Results);

/// <summary>One signalled PID entry.</summary>
internal sealed record SignalLineJson(string Service, string Type, int? Pid, bool Sent, string Message);

/// <summary><c>up -d --json</c> (and <c>--wait</c>): the supervisor, what a reload changed, and readiness when waited for.</summary>
internal sealed record UpJson(int SupervisorPid, IReadOnlyList<string>? Reloaded, string Events, bool? Ready, double? ElapsedSeconds, IReadOnlyList<UpProblemJson>? Problems);

/// <summary>One instance <c>up -d --wait</c> found not ready, with the last lines of its log.</summary>
internal sealed record UpProblemJson(string Message, IReadOnlyList<string> LogTail);

