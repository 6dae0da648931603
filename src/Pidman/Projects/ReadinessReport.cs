namespace Pidman.Projects;

/// <summary>What <c>up -d --wait</c> found: every service ready, or which ones are not and why, with their last log lines.</summary>
/// <param name="Ready">True when every instance runs (and passes its health check) or, for one-shot jobs, has completed.</param>
/// <param name="Elapsed">How long the wait took.</param>
/// <param name="Problems">One per instance that failed or was not ready in time: a line, then its last log lines.</param>
public sealed record ReadinessReport(bool Ready, TimeSpan Elapsed, IReadOnlyList<(string Line, IReadOnlyList<string> LogTail)> Problems);
