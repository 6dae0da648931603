namespace Pidman;

/// <summary>What sending a signal to one PID entry did.</summary>
/// <param name="Service">Service name.</param>
/// <param name="Type">PID type.</param>
/// <param name="Pid">The PID, when there was one.</param>
/// <param name="Sent">True when the signal was delivered.</param>
/// <param name="Message">What happened, for the user (why not, when it was not sent).</param>
public sealed record SignalResult(string Service, string Type, int? Pid, bool Sent, string Message);
