namespace Pidman.Logs;

/// <summary>
/// What something said about a service (a supervisor event) tells of its run, so that a <see cref="LogFollow"/> can put it
/// in its place among the run's lines: a start's result before them, an end after them.
/// </summary>
internal enum RunNews
{
    /// <summary>Anything else (healthy, unhealthy, not started for a dependency, pidman's own news): printed when it comes.</summary>
    Note,

    /// <summary>A start's result (started, adopted, failed to start): the lines of the run its banner began come after it.</summary>
    Started,

    /// <summary>The instance's process has ended (exited, was killed, was stopped): its last lines come first.</summary>
    Ended,
}
