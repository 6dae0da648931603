namespace Pidman.Services;

/// <summary>The result of starting one instance of a service.</summary>
/// <param name="Service">Service name.</param>
/// <param name="Type">PID type (<c>process</c> or <c>workerN</c>).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Pid">The PID, when there is a process.</param>
/// <param name="Message">What happened, for the user.</param>
/// <param name="LogTail">The last lines of its log when it failed.</param>
public sealed record StartOutcome(string Service, string Type, StartStatus Status, int? Pid, string Message, IReadOnlyList<string> LogTail)
{
    /// <summary>The exit code when the instance was spawned and exited at once.</summary>
    public int? ExitCode { get; init; }

    /// <summary>True unless it failed or was skipped.</summary>
    public bool Succeeded => Status is StartStatus.Started or StartStatus.AlreadyRunning or StartStatus.Completed or StartStatus.Waiting;
}
