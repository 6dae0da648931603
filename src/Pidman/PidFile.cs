using Pidman.Config;
using Pidman.Exceptions;
using Pidman.Os.Fs;
using Pidman.PidFiles;
using System.Runtime.InteropServices;

namespace Pidman;

/// <summary>
/// This process's own PID file, held for its whole life as FreeBSD's pidfile(3) does: an exclusive
/// lock proves it is running and stops a second instance, which learns the holder's PID at once.
/// The file is removed on <see cref="Dispose"/>, normal exit, SIGTERM and SIGINT.
/// </summary>
public sealed class PidFile : IDisposable
{
    private static readonly TimeSpan HolderWriteWait = TimeSpan.FromSeconds(2);

    private readonly PidStore _store;
    private readonly PidFileName _name;
    private readonly PidFileSnapshot _written;
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly Lock _gate = new();
    private FileLock? _lifeLock;

    private PidFile(PidStore store, PidFileName name, PidFileSnapshot written, FileLock lifeLock)
    {
        _store = store;
        _name = name;
        _written = written;
        _lifeLock = lifeLock;
    }

    /// <summary>The full path of the PID file.</summary>
    public string Path => _store.Directory.PidFilePath(_name);

    /// <summary>The registered PID: this process.</summary>
    public int Pid { get; } = Environment.ProcessId;

    /// <summary>Registers this process as <paramref name="service"/> (type <paramref name="type"/>) in <paramref name="directory"/> (discovered when null).</summary>
    /// <param name="service">The service name.</param>
    /// <param name="type">The PID type.</param>
    /// <param name="directory">
    /// The PID directory (relative to the working directory); when null, found as the CLI finds it: <c>PIDMAN_DIR</c>, else
    /// <c>[settings] pid_dir</c> of the nearest <c>pidman.toml</c>, else <c>local/pid</c> under the project root.
    /// </param>
    /// <param name="removeOnSignal">
    /// Remove the file on a SIGTERM or SIGINT that ends the process (the signal's default action), as well as on
    /// <see cref="Dispose"/> and a normal exit. .NET runs a signal's handlers newest first: a graceful-shutdown handler of
    /// the app's registered after this call runs first and, when it cancels the signal, the file stays until
    /// <see cref="Dispose"/>; one registered before this call runs after the file is gone. So register yours after, or
    /// pass false and dispose when the shutdown is done (Pidman.Hosting passes false).
    /// </param>
    /// <param name="stopTimeout">
    /// How long <c>pidman stop</c> (without <c>--timeout</c>) waits for this process to exit after its stop signal before
    /// SIGKILL: its graceful shutdown's length (a Generic Host's shutdown timeout). Null: pidman's default, 10 s.
    /// </param>
    /// <exception cref="AlreadyRunningException">A live instance holds the PID file; its PID is in the exception.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stopTimeout"/> is not between 0 and a day.</exception>
    /// <returns>The registration: dispose it to remove the file and release the lock.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    /// <exception cref="PidmanInputException">A name breaks the naming rule.</exception>
    public static PidFile Register(string service, string type = PidFileName.DefaultType, string? directory = null, bool removeOnSignal = true, TimeSpan? stopTimeout = null) =>
        Register(service, type, directory is null ? null : new PidDirectory(Environment.CurrentDirectory, directory), removeOnSignal, stopTimeout);

    /// <summary>As the public overload, in a directory already resolved (the supervisor's, a host's content root).</summary>
    internal static PidFile Register(string service, string type, PidDirectory? directory, bool removeOnSignal, TimeSpan? stopTimeout = null)
    {
        var name = PidFileName.Create(service, type);
        if (stopTimeout is { } t && (t <= TimeSpan.Zero || t >= TimeSpan.FromDays(1)))
            throw new ArgumentOutOfRangeException(nameof(stopTimeout), t, "a stop timeout is more than 0 and less than a day");
        var store = new PidStore(directory ?? ProjectLayout.Discover().RequirePidDirectory());

        var lifeLock = FileLock.TryAcquire(store.Io.FileInStateDirectory(name.Stem + ".live", create: true)!, wait: false)
            ?? throw new AlreadyRunningException(service, type, name.ToString(), WaitForHolderPid(store, name));
        try
        {
            store.Write(name, Environment.ProcessId, selfRegistered: true, stopTimeout: stopTimeout);
            var pidFile = new PidFile(store, name, store.ReadPidFile(name), lifeLock);
            pidFile.RemoveOnExit(removeOnSignal);
            return pidFile;
        }
        catch
        {
            lifeLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Removes the PID file (if it is still ours) and releases the lock. Safe to call more than once, and from several
    /// threads at once: a second call returns when the first has finished the removal (a program that returns from Main
    /// while a signal handler disposes must not exit half-way through it).
    /// </summary>
    public void Dispose()
    {
        using var _ = _gate.EnterScope();
        var lifeLock = _lifeLock;
        _lifeLock = null;
        if (lifeLock is null) return;
        try
        {
            _store.RemoveIfUnchanged(_name, _written);
        }
        finally
        {
            lifeLock.Dispose();
            foreach (var registration in _signals) registration.Dispose();
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }
    }

    private void RemoveOnExit(bool onSignal)
    {
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        if (!onSignal) return;
        // .NET runs every handler of a signal, newest first, sharing one context: a handler registered after this one that
        // cancelled the signal (an app's own graceful shutdown) has already run, and the file stays for its Dispose.
        // Otherwise the signal's default action (terminate) follows, after the file is gone.
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (!context.Cancel) Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    /// <summary>The holder took the lock just before writing its PID, so give it a moment to appear.</summary>
    private static int? WaitForHolderPid(PidStore store, PidFileName name)
    {
        var deadline = DateTime.UtcNow + HolderWriteWait;
        while (true)
        {
            var entry = store.Inspect(name, store.ReadRecord(name.Stem), removeStale: false).Entry;
            if (entry.State == PidState.Running) return entry.Pid;
            if (DateTime.UtcNow >= deadline) return null;
            Thread.Sleep(5);
        }
    }
}
