namespace Pidman.Supervision;

/// <summary>The supervisor's event log: timestamped lines in <c>local/log/pidman.log</c>, echoed to the foreground stream when there is one.</summary>
public sealed class SupervisorEvents(string logPath, Action<string, string>? echo)
{
    private readonly object _gate = new();

    /// <summary>The event log file.</summary>
    public string LogPath { get; } = logPath;

    /// <summary>Records <paramref name="text"/> about <paramref name="source"/> (an instance, or "pidman").</summary>
    public void Write(string source, string text)
    {
        string line = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {source}: {text}";
        lock (_gate)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
                File.AppendAllText(LogPath, line + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full or read-only log directory must not stop supervision; the foreground stream still shows it.
            }
            echo?.Invoke(source, text);
        }
    }
}
