using Pidman.Exceptions;

namespace Pidman.PidFiles;

/// <summary>Where a project's PID files live: <c>&lt;root&gt;/local/pid</c> unless overridden, and pidman's own state in its <c>.pidman/</c>.</summary>
public sealed record PidDirectory
{
    /// <summary>The default PID directory, relative to the root.</summary>
    public const string DefaultRelativePath = "local/pid";

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

    /// <summary>
    /// Resolves the directory as the CLI does: <paramref name="dir"/> (<c>--dir</c>) or <c>PIDMAN_DIR</c>; the root is
    /// <paramref name="root"/> (<c>--root</c>) or <c>PIDMAN_ROOT</c>, else the nearest folder upward from
    /// <paramref name="cwd"/> holding <c>pidman.toml</c> or <c>Procfile</c>, else <paramref name="cwd"/>.
    /// </summary>
    public static PidDirectory Discover(string? dir = null, string? root = null, string? cwd = null)
    {
        cwd = System.IO.Path.GetFullPath(cwd ?? Environment.CurrentDirectory);
        root = NonEmpty(root) ?? NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_ROOT"));
        string resolvedRoot = root is not null ? System.IO.Path.GetFullPath(root, cwd) : FindProjectRoot(cwd) ?? cwd;
        dir = NonEmpty(dir) ?? NonEmpty(Environment.GetEnvironmentVariable("PIDMAN_DIR"));
        // An explicit --dir is relative to where the user stands; the default is relative to the root.
        string path = dir is not null ? System.IO.Path.GetFullPath(dir, cwd) : System.IO.Path.Combine(resolvedRoot, DefaultRelativePath);
        return new PidDirectory(resolvedRoot, path);
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> holding <c>pidman.toml</c> or <c>Procfile</c>.</summary>
    public static string? FindProjectRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "pidman.toml")) || File.Exists(System.IO.Path.Combine(dir.FullName, "Procfile")))
                return dir.FullName;
        }
        return null;
    }

    /// <summary>Full path of the PID file for <paramref name="name"/>.</summary>
    public string PidFilePath(PidFileName name) => System.IO.Path.Combine(Path, name.FileName);

    internal string RecordPath(string stem) => System.IO.Path.Combine(StatePath, stem + ".json");

    /// <summary>Short-held lock for every change to one PID file and its record.</summary>
    internal string LockPath(string stem) => System.IO.Path.Combine(StatePath, stem + ".lock");

    /// <summary>Held from the check that a service is not running until its PID file is written, so racing starts give one process.</summary>
    internal string StartLockPath(string stem) => System.IO.Path.Combine(StatePath, stem + ".start");

    /// <summary>Held for life by a self-registered process (<see cref="PidFile"/>), as FreeBSD pidfile(3) holds its file.</summary>
    internal string LivenessLockPath(string stem) => System.IO.Path.Combine(StatePath, stem + ".live");

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

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
