using System.Text;
using Pidman.Logs;
using Pidman.Os.Fs;
using Pidman.Services;

namespace Pidman.Supervision;

/// <summary>
/// The supervisor's event log: timestamped lines in <c>local/log/pidman.log</c>, echoed to the foreground stream when there
/// is one. The file stays open for the supervisor's life, so events are still recorded when the log directory can no
/// longer take new files (full, read-only, mounted over).
/// </summary>
internal sealed class SupervisorEvents(ServiceLogs logs, Action<string, string, RunNews>? echo) : IDisposable
{
    private readonly Lock _gate = new();
    private FileStream? _log;

    /// <summary>The event log file.</summary>
    public string LogPath => logs.EventLog.Path;

    /// <summary>Records <paramref name="text"/> about <paramref name="source"/> (an instance, or "pidman").</summary>
    public void Write(string source, string text, RunNews kind = RunNews.Note)
    {
        byte[] line = Encoding.UTF8.GetBytes($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {source}: {text}\n");
        lock (_gate)
        {
            try
            {
                _log ??= TrustedFile.Stream(logs.OpenForAppend(logs.EventLog), FileAccess.Write);
                _log.Write(line);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Exceptions.PidmanException)
            {
                // A full or read-only log directory must not stop supervision; the next event tries again.
                _log?.Dispose();
                _log = null;
            }
            echo?.Invoke(source, text, kind);
        }
    }

    /// <summary>Closes the log.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _log?.Dispose();
            _log = null;
        }
    }
}
