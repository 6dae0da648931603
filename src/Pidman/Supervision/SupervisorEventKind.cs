namespace Pidman.Supervision;

/// <summary>What an event says about its instance's run, so the foreground stream can put it after the run's last lines.</summary>
internal enum SupervisorEventKind
{
    /// <summary>Anything else: started, healthy, a start that failed before the process ran, pidman's own news.</summary>
    Note,

    /// <summary>The instance's process has ended (exited, was killed, was stopped): its last lines come first.</summary>
    RunEnded,
}
