namespace Pidman.Projects;

/// <summary>The project's PID files (and config instances without one), with the supervisor's view when one runs.</summary>
public sealed record StatusReport
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal StatusReport(string pidDirectory, IReadOnlyList<StatusRow> rows)
    {
        PidDirectory = pidDirectory;
        Rows = rows;
    }

    /// <summary>Where the PID files are.</summary>
    public string PidDirectory { get; init; }

    /// <summary>One row per PID file or config instance.</summary>
    public IReadOnlyList<StatusRow> Rows { get; init; }
}
