namespace Pidman.Os;

/// <summary>Linux signal numbers (signal(7), x86 and ARM numbering) that pidman sends.</summary>
public enum Signal
{
    /// <summary>Hang up.</summary>
    SIGHUP = 1,
    /// <summary>Interrupt (Ctrl-C).</summary>
    SIGINT = 2,
    /// <summary>Quit.</summary>
    SIGQUIT = 3,
    /// <summary>Kill: cannot be caught or ignored.</summary>
    SIGKILL = 9,
    /// <summary>User-defined 1.</summary>
    SIGUSR1 = 10,
    /// <summary>User-defined 2.</summary>
    SIGUSR2 = 12,
    /// <summary>Broken pipe.</summary>
    SIGPIPE = 13,
    /// <summary>Alarm clock.</summary>
    SIGALRM = 14,
    /// <summary>Terminate: the graceful stop.</summary>
    SIGTERM = 15,
    /// <summary>Continue a stopped process, so it can act on a pending SIGTERM.</summary>
    SIGCONT = 18,
    /// <summary>Stop (pause).</summary>
    SIGSTOP = 19,
    /// <summary>Terminal stop (Ctrl-Z).</summary>
    SIGTSTP = 20,
    /// <summary>Window size changed.</summary>
    SIGWINCH = 28,
}
