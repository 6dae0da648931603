namespace Pidman.Projects;

/// <summary>What to stop, and how.</summary>
/// <param name="Services">Services to stop (their dependents are not implied; stopping web does not stop its database).</param>
/// <param name="All">Every config service and every PID file but the supervisor's.</param>
/// <param name="Force">SIGKILL at once.</param>
/// <param name="Timeout">Wait after the stop signal before SIGKILL; null: each service's <c>stop_timeout</c>.</param>
/// <param name="Type">Only this PID type; null: every type but <c>tmux</c>.</param>
public sealed record StopRequest(IReadOnlyList<string> Services, bool All = false, bool Force = false, TimeSpan? Timeout = null, string? Type = null);
