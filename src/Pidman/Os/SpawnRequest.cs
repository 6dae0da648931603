namespace Pidman.Os;

/// <summary>What to spawn: the program, its argv, where, with what environment, and where stdout and stderr go.</summary>
/// <param name="Arguments">argv, argv[0] included; argv[0] is also the program, looked up on PATH.</param>
/// <param name="WorkingDirectory">Absolute working directory.</param>
/// <param name="Environment">The complete environment.</param>
internal sealed record SpawnRequest(IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>A descriptor of ours to become stdin; -1: /dev/null.</summary>
    internal int InputFd { get; init; } = -1;

    /// <summary>
    /// A descriptor of ours to become stdout and stderr (a log opened by the trust rule, or a pipe to the line stamper); -1:
    /// /dev/null. Never a path opened in the child: an open there would follow what the path names at that instant (and a
    /// FIFO would hang posix_spawn, which waits for the exec).
    /// </summary>
    internal int OutputFd { get; init; } = -1;
}
