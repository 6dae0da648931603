
namespace Pidman.PidFiles;

/// <summary>Where a project's PID files live: a folder of the project (<c>Config.ProjectLayout</c> says which), and pidman's own state in its <c>.pidman/</c>.</summary>
internal sealed record PidDirectory
{
    /// <summary>
    /// pidman's own folder inside the PID directory: <c>STEM.json</c> records; a flock on the folder itself for every change
    /// (<c>PidStore</c>); lock files <c>STEM.start</c> (a start, from its running check to its PID file), <c>STEM.live</c> (held for life by a
    /// self-registered process); <c>STEM.spawning</c> (a start between spawn and PID file); <c>tmux.lock</c>; the
    /// supervisor's socket. pidman works in it through <see cref="DirectoryAnchor"/>.
    /// </summary>
    public const string StateFolderName = ".pidman";

    /// <summary>Creates a PID directory at <paramref name="path"/> for the project at <paramref name="root"/>.</summary>
    public PidDirectory(string root, string path)
    {
        Os.LinuxOnly.Require();
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
}
