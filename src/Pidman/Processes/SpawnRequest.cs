namespace Pidman.Processes;

/// <summary>What to spawn: the program, its argv, where, with what environment, and the log for stdout and stderr.</summary>
/// <param name="Arguments">argv, argv[0] included; argv[0] is also the program, looked up on PATH.</param>
/// <param name="WorkingDirectory">Absolute working directory.</param>
/// <param name="Environment">The complete environment.</param>
/// <param name="LogPath">stdout and stderr are appended here; stdin is /dev/null.</param>
public sealed record SpawnRequest(IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string> Environment, string LogPath);
