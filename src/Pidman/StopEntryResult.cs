using Pidman.Processes;

namespace Pidman;

/// <summary>The result of stopping one PID entry.</summary>
/// <param name="Service">Service name.</param>
/// <param name="Type">PID type.</param>
/// <param name="Pid">The PID acted on, when there was one.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Elapsed">Time from the first signal to the observed exit.</param>
/// <param name="Message">Details for the user (the reason for a refusal, for instance).</param>
public sealed record StopEntryResult(string Service, string Type, int? Pid, StopOutcome Outcome, TimeSpan Elapsed, string Message);
