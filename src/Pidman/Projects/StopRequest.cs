namespace Pidman.Projects;

/// <summary>What <see cref="Project.StopAsync"/> stops, and how: <c>new StopRequest { Services = ["web"], Force = true }</c>.</summary>
public sealed record StopRequest
{
    /// <summary>Services to stop (their dependents are not implied; stopping web does not stop its database).</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>Every config service and every PID file but the supervisor's.</summary>
    public bool All { get; init; }

    /// <summary>SIGKILL at once.</summary>
    public bool Force { get; init; }

    /// <summary>Wait after the stop signal before SIGKILL; null: each service's <c>stop_timeout</c> (or the process's own recorded timeout).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Only this PID type; null: every type but <c>tmux</c>.</summary>
    public string? Type { get; init; }
}
