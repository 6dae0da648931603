using Pidman.Supervision;

namespace Pidman.Projects;

/// <summary>What <c>up -d --wait</c> found: every service ready, or which ones are not and why, with their last log lines.</summary>
/// <param name="Ready">True when every instance runs (and passes its health check) or, for one-shot jobs, has completed.</param>
/// <param name="Elapsed">How long the wait took.</param>
/// <param name="Timeout">How long it was allowed to take.</param>
/// <param name="Problems">One per instance that ended, or was not ready in time.</param>
public sealed record ReadinessReport(bool Ready, TimeSpan Elapsed, TimeSpan Timeout, IReadOnlyList<ReadinessProblem> Problems);

/// <summary>An instance that kept a wait from ending ready.</summary>
/// <param name="Instance">What the supervisor knew of it then.</param>
/// <param name="Kind">Whether it ended or was not ready in time.</param>
/// <param name="LogPath">Its log.</param>
/// <param name="LogTail">The last lines of its current run's log.</param>
public sealed record ReadinessProblem(InstanceReport Instance, ReadinessProblemKind Kind, string LogPath, IReadOnlyList<string> LogTail);

/// <summary>Why an instance was not ready.</summary>
public enum ReadinessProblemKind
{
    /// <summary>It exited, crashed or failed (<see cref="InstanceReport.LastExitCode"/>, <see cref="InstanceReport.State"/>).</summary>
    Ended,
    /// <summary>It still was not ready (running for its startup window and healthy) when the wait's timeout passed.</summary>
    NotReadyInTime,
}
