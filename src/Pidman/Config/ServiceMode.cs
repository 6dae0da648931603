namespace Pidman.Config;

/// <summary>Where a service runs.</summary>
internal enum ServiceMode
{
    /// <summary>A detached background process leading its own session, output to its log file.</summary>
    Background,
    /// <summary>A window of the project's own tmux server (DESIGN "tmux mode").</summary>
    Tmux,
}
