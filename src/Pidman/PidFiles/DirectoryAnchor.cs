using System.Globalization;
using Pidman.Exceptions;
using Pidman.Interop;

namespace Pidman.PidFiles;

/// <summary>
/// Holds a project's PID directory and its <c>.pidman/</c> open (O_PATH), reached component by component from the project
/// root with openat and O_NOFOLLOW and checked by <see cref="TrustedPath"/>'s rule as each is opened. Files in them are
/// then named <c>/proc/self/fd/N/NAME</c>, which the kernel resolves to the very directory held: renaming or replacing a
/// component after the check cannot redirect pidman. (<see cref="PidDirectory.Path"/> stays the name users see.)
/// </summary>
internal sealed class DirectoryAnchor(PidDirectory directory)
{
    private readonly Lock _gate = new();
    private FileDescriptor? _pidDirectory;
    private FileDescriptor? _stateDirectory;

    /// <summary>The PID directory as a path that cannot be redirected; null when it does not exist and <paramref name="create"/> is false.</summary>
    public string? PidDirectoryPath(bool create = false) => Held(create, state: false) is { } fd ? Name(fd) : null;

    /// <summary>The state folder (<c>.pidman/</c>) likewise.</summary>
    public string? StateDirectoryPath(bool create = false) => Held(create, state: true) is { } fd ? Name(fd) : null;

    /// <summary>A file in the PID directory; null when the directory does not exist and <paramref name="create"/> is false.</summary>
    public string? FileInPidDirectory(string fileName, bool create = false) => PidDirectoryPath(create) is { } dir ? $"{dir}/{fileName}" : null;

    /// <summary>A file in the state folder; null when it does not exist and <paramref name="create"/> is false.</summary>
    public string? FileInStateDirectory(string fileName, bool create = false) => StateDirectoryPath(create) is { } dir ? $"{dir}/{fileName}" : null;

    private static string Name(FileDescriptor fd) => "/proc/self/fd/" + fd.Value.ToString(CultureInfo.InvariantCulture);

    private FileDescriptor? Held(bool create, bool state)
    {
        lock (_gate)
        {
            _pidDirectory ??= Open(directory.Root, directory.Path, create);
            if (!state || _pidDirectory is null) return _pidDirectory;
            _stateDirectory ??= Step(_pidDirectory, PidDirectory.StateFolderName, directory.StatePath, create);
            return _stateDirectory;
        }
    }

    /// <summary>Opens <paramref name="path"/> from <paramref name="root"/> (or from its parent when it lies outside the root).</summary>
    private static FileDescriptor? Open(string root, string path, bool create)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        bool under = path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
        string start = under ? root : Path.GetDirectoryName(path) ?? "/";
        // Where the walk starts (the project root, or an explicit --dir's parent) is the user's to choose: created as asked.
        if (create) Directory.CreateDirectory(start);
        var fd = Libc.Open(start, Libc.O_PATH | Libc.O_DIRECTORY, 0, out var errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            return errno == Errno.ENOENT && !create ? null : throw new PidmanException($"cannot open {start}: {errno}");
        }
        string walked = start;
        foreach (string part in Path.GetRelativePath(start, path).Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."))
        {
            walked = Path.Combine(walked, part);
            var next = Step(fd, part, walked, create);
            fd.Dispose();
            if (next is null) return null;
            fd = next;
        }
        return fd;
    }

    /// <summary>One component down, never through a link, created if asked; checked before it is used.</summary>
    private static FileDescriptor? Step(FileDescriptor parent, string name, string shownAs, bool create)
    {
        var fd = Libc.OpenAt(parent, name, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var errno);
        if (fd.IsInvalid && errno == Errno.ENOENT && create)
        {
            fd.Dispose();
            if (Libc.MkdirAt(parent, name, 0x1ED /* 0755 */) is not (Errno.None or Errno.EEXIST) and var mkdirError)
                throw new PidmanException($"cannot create {shownAs}: {mkdirError}");
            fd = Libc.OpenAt(parent, name, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out errno);
        }
        if (fd.IsInvalid)
        {
            fd.Dispose();
            return errno switch
            {
                Errno.ENOENT when !create => null,
                Errno.ELOOP or Errno.ENOTDIR => throw new PidmanException($"{shownAs} is a symbolic link or not a directory; pidman does not follow links under a project (another user could point it anywhere): replace it with a directory"),
                _ => throw new PidmanException($"cannot open {shownAs}: {errno}"),
            };
        }
        if (!Libc.TryFileStatus(fd, out var status, out var statError))
        {
            fd.Dispose();
            throw new PidmanException($"cannot examine {shownAs}: {statError}");
        }
        if (TrustedPath.Problem(status, shownAs) is { } problem)
        {
            fd.Dispose();
            throw new PidmanException(problem);
        }
        return fd;
    }
}
