using Pidman.Exceptions;

namespace Pidman.PidFiles;

/// <summary>Where a project's PID files live: a folder of the project (<c>Config.ProjectLayout</c> says which), and pidman's own state in its <c>.pidman/</c>.</summary>
public sealed record PidDirectory
{
    /// <summary>pidman's own folder inside the PID directory: records, lock files.</summary>
    public const string StateFolderName = ".pidman";

    /// <summary>Creates a PID directory at <paramref name="path"/> for the project at <paramref name="root"/>.</summary>
    public PidDirectory(string root, string path)
    {
        Root = System.IO.Path.GetFullPath(root);
        Path = System.IO.Path.GetFullPath(path, Root);
        StatePath = System.IO.Path.Combine(Path, StateFolderName);
    }

    /// <summary>The project root.</summary>
    public string Root { get; }

    /// <summary>The PID directory: every <c>.pid</c> file of the project.</summary>
    public string Path { get; }

    /// <summary>pidman's own state: identity records and lock files.</summary>
    public string StatePath { get; }

    /// <summary>Full path of the PID file for <paramref name="name"/>.</summary>
    public string PidFilePath(PidFileName name) => System.IO.Path.Combine(Path, name.FileName);

    internal string RecordPath(string stem) => System.IO.Path.Combine(StatePath, stem + ".json");

    /// <summary>Short-held lock for every change to one PID file and its record.</summary>
    internal string LockPath(string stem) => System.IO.Path.Combine(StatePath, stem + ".lock");

    /// <summary>Held from the check that a service is not running until its PID file is written, so racing starts give one process.</summary>
    internal string StartLockPath(string stem) => System.IO.Path.Combine(StatePath, stem + ".start");

    /// <summary>Held for life by a self-registered process (<see cref="PidFile"/>), as FreeBSD pidfile(3) holds its file.</summary>
    internal string LivenessLockPath(string stem) => System.IO.Path.Combine(StatePath, stem + ".live");

    /// <summary>
    /// Exists from just before a start spawns an instance until its PID file is written: left behind, it says a starter died
    /// in between (so an orphan may be running), and when.
    /// </summary>
    internal string SpawnMarkerPath(string stem) => System.IO.Path.Combine(StatePath, stem + ".spawning");

    /// <summary>Creates the directory and its state folder when missing.</summary>
    internal void EnsureExists()
    {
        try
        {
            Directory.CreateDirectory(StatePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PidmanException($"cannot create PID directory {Path}: {e.Message}", e);
        }
    }
}
