namespace Pidman.Projects;

/// <summary>The project's PID files (and config instances without one), with the supervisor's view when one runs.</summary>
/// <param name="PidDirectory">Where the PID files are.</param>
/// <param name="Rows">One row per PID file or config instance.</param>
public sealed record StatusReport(string PidDirectory, IReadOnlyList<StatusRow> Rows);
