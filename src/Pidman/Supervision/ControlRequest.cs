namespace Pidman.Supervision;

/// <summary>A request on the supervisor's control socket: one JSON line (docs/json.md).</summary>
/// <param name="Command">What to do.</param>
/// <param name="Services">Services it concerns (empty: all, for status, start, restart).</param>
/// <param name="Type">stop/unregister: only this PID type.</param>
/// <param name="All">stop: every service and PID file.</param>
/// <param name="Force">stop: SIGKILL at once.</param>
/// <param name="TimeoutSeconds">stop/restart: override of stop_timeout.</param>
internal sealed record ControlRequest(ControlCommand Command, IReadOnlyList<string> Services, string? Type = null, bool All = false, bool Force = false, double? TimeoutSeconds = null);
