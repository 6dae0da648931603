using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pidman.Config;
using Pidman.Exceptions;
using Pidman.PidFiles;

namespace Pidman.Hosting;

/// <summary>Holds the host's PID file from start to graceful stop (and its lock, so a second instance refuses to start).</summary>
internal sealed partial class PidFileHostedService(IOptions<PidFileOptions> options, IOptions<HostOptions> host, IHostEnvironment environment, ILogger<PidFileHostedService> logger)
    : IHostedLifecycleService, IDisposable
{
    /// <summary>What a host needs after its shutdown timeout to finish exiting (disposing the container, flushing logs).</summary>
    private static readonly TimeSpan ExitMargin = TimeSpan.FromSeconds(5);

    private PidFile? _file;

    /// <summary>Registers before any other hosted service starts, so a second instance stops the host at once.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        // From the host's content root (--contentRoot, or what UseSystemd sets), not the process's working directory: a
        // relative Directory resolves there, and without one the directory is found from there as the CLI finds it
        // (PIDMAN_DIR, else the project's [settings] pid_dir, else local/pid).
        string root = environment.ContentRootPath;
        var directory = o.Directory is null
            ? ProjectLayout.Discover(new ProjectOptions { WorkingDirectory = root }).RequirePidDirectory()
            : new PidDirectory(root, Path.GetFullPath(o.Directory, root));
        try
        {
            // The host's own lifetime turns SIGTERM into a graceful stop; the file goes when that stop is done.
            // The record carries how long the graceful stop may take, so pidman's stop does not SIGKILL a host still draining.
            _file = PidFile.Register(o.Service, o.Type, directory, removeOnSignal: false, stopTimeout: o.StopTimeout ?? host.Value.ShutdownTimeout + ExitMargin);
        }
        catch (PidmanException e)
        {
            LogRefused(e.Message);
            throw;
        }
        LogRegistered(_file.Path, _file.Pid);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Removes the file after every other hosted service has stopped.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_file is { } file)
        {
            Dispose();
            LogRemoved(file.Path);
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PID file {Path} written for PID {Pid}")]
    private partial void LogRegistered(string path, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "PID file {Path} removed")]
    private partial void LogRemoved(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "PID file not written: {Reason}")]
    private partial void LogRefused(string reason);
}
