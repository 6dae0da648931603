using Pidman.Exceptions;
using Pidman.Os;
using Pidman.Os.Fs;
using Pidman.Os.Interop;

namespace Pidman.Logs;

/// <summary>
/// This process's <see cref="LineStamper"/>: spawned at the first start that needs one (<c>pidman __stamp-log --serve
/// LOGDIR</c>), then handed each new service's pipe and log over a private socket pair (SCM_RIGHTS). One stamper per
/// pidman process, not per service: a start of ten services costs one process start-up (about 5 ms of CPU) and one
/// process's memory (about 2 MiB private), and a supervisor keeps one for every restart it makes. When this process
/// exits, its end of the socket closes and the stamper exits after the last of its services has.
/// </summary>
internal sealed class StamperConnection : IDisposable
{
    private static readonly Lock s_gate = new();
    private static StamperConnection? s_current;

    private readonly DescriptorChannel _channel;

    private StamperConnection(DescriptorChannel channel) => _channel = channel;

    /// <summary>
    /// Locks the open log <paramref name="log"/> (opened for reading and appending by the trust rule) for the stamper and
    /// hands it, with a new pipe's read end, to this process's stamper (started if there is none, or none alive, from
    /// <paramref name="executable"/>, the pidman executable: see <see cref="LineStamper.ExecutableBeside"/>); returns the
    /// pipe's write end: the service's stdout and stderr.
    /// </summary>
    /// <exception cref="PidmanException">The pipe, the spawn or the hand-over failed; the message says which.</exception>
    internal static FileDescriptor Attach(string executable, FileDescriptor log, string logShown)
    {
        OfdLock.TakeShared(log); // before the service can write: a drain check never races the hand-over
        var (read, write) = Pipes.Create($"the output pipe for {logShown}");
        using (read)
        {
            lock (s_gate)
            {
                for (int attempt = 0; attempt < 2; attempt++)
                {
                    s_current ??= Spawn(executable, Path.GetDirectoryName(logShown) ?? "/");
                    if (s_current._channel.TrySend(read, log)) return write;
                    s_current.Dispose(); // it died (EPIPE): a new one
                    s_current = null;
                }
            }
        }
        write.Dispose();
        throw new PidmanException($"cannot hand {logShown} to the line stamper");
    }

    private static StamperConnection Spawn(string executable, string shownDirectory)
    {
        var (ours, theirs) = DescriptorChannel.CreatePair("the line stamper's socket");
        using (theirs)
        {
            try
            {
                Spawner.Spawn(new SpawnRequest([LineStamper.ExecutableBeside(executable), LineStamper.Verb, LineStamper.ServeFlag, shownDirectory], "/", new Dictionary<string, string>()) { InputFd = theirs.Value });
            }
            catch
            {
                ours.Dispose();
                throw;
            }
        }
        return new StamperConnection(ours);
    }

    public void Dispose() => _channel.Dispose();
}
