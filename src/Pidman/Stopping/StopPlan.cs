using Pidman.Os;

namespace Pidman.Stopping;

/// <summary>How to stop a process: the graceful signal, how long to wait for it, whether to kill at once.</summary>
/// <param name="Signal">The graceful signal (the service's <c>stop_signal</c>; SIGTERM by default).</param>
/// <param name="Timeout">How long to wait after it before SIGKILL.</param>
/// <param name="Force">Send SIGKILL at once.</param>
internal sealed record StopPlan(Signal Signal, TimeSpan Timeout, bool Force)
{
    /// <summary>
    /// True when the stop was asked for no timeout of its own (no <c>--timeout</c>, no config <c>stop_timeout</c>): then the
    /// one a self-registered process wrote to its identity record (its graceful shutdown's length) replaces <see cref="Timeout"/>.
    /// </summary>
    public bool RecordedTimeoutApplies { get; init; }

    /// <summary>The default wait before SIGKILL (DESIGN "Stopping").</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for a process to die after SIGKILL before reporting failure.</summary>
    internal static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

    /// <summary>SIGTERM, then SIGKILL after 10 s.</summary>
    public static StopPlan Default { get; } = new(Signal.SIGTERM, DefaultTimeout, Force: false);
}
