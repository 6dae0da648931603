using System.Globalization;
using Pidman.Exceptions;
using Pidman.Interop;

namespace Pidman.PidFiles;

/// <summary>
/// One directory held open (O_PATH) after it was reached component by component from a root with openat and
/// O_NOFOLLOW and checked by <see cref="TrustedPath"/>'s rule; <see cref="IoPath"/> names it for file operations
/// (<c>/proc/self/fd/N</c>), which the kernel resolves to this very directory whatever happens to its name.
/// </summary>
internal sealed class HeldDirectory
{
    private readonly FileDescriptor _fd;

    private HeldDirectory(FileDescriptor fd, string shownAs)
    {
        _fd = fd;
        ShownAs = shownAs;
    }

    /// <summary>The directory's name, for messages.</summary>
    public string ShownAs { get; }

    /// <summary>The directory for file operations.</summary>
    public string IoPath => "/proc/self/fd/" + _fd.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A file in it, for file operations.</summary>
    public string File(string fileName) => $"{IoPath}/{fileName}";

    /// <summary>openat(2) of a file in it: no path lookup through <c>/proc</c>, and never a different directory.</summary>
    public FileDescriptor OpenFile(string fileName, int flags, int mode, out Errno errno) => Libc.OpenAt(_fd, fileName, flags, mode, out errno);

    /// <summary>unlinkat(2) of a file in it; <see cref="Errno.ENOENT"/> when it is gone already.</summary>
    public Errno Delete(string fileName) => Libc.UnlinkAt(_fd, fileName);

    /// <summary>renameat(2) of <paramref name="from"/> in this directory over <paramref name="to"/> in <paramref name="target"/>.</summary>
    public Errno Move(string from, HeldDirectory target, string to) => Libc.RenameAt(_fd, from, target._fd, to);

    /// <summary>The directory itself opened for reading (an O_PATH descriptor cannot be locked or listed).</summary>
    public FileDescriptor OpenSelf(out Errno errno) => Libc.OpenAt(_fd, ".", Libc.O_RDONLY | Libc.O_DIRECTORY, 0, out errno);

    /// <summary>Opens <paramref name="path"/> from <paramref name="root"/> (from its parent when it lies outside the root); null when missing and not <paramref name="create"/>.</summary>
    public static HeldDirectory? Open(string root, string path, bool create)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        bool under = path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
        string start = under ? root : Path.GetDirectoryName(path) ?? "/";
        // Where the walk starts (the project root, or an explicit directory's parent) is the user's to choose: created as asked.
        if (create) Directory.CreateDirectory(start);
        var fd = Libc.Open(start, Libc.O_PATH | Libc.O_DIRECTORY, 0, out var errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            return errno == Errno.ENOENT && !create ? null : throw new PidmanException($"cannot open {start}: {errno}");
        }
        var held = new HeldDirectory(fd, start);
        foreach (string part in Path.GetRelativePath(start, path).Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."))
        {
            var next = held.Child(part, create);
            held._fd.Dispose();
            if (next is null) return null;
            held = next;
        }
        return held;
    }

    /// <summary>One component down, never through a link, created if asked; checked before it is used.</summary>
    public HeldDirectory? Child(string name, bool create)
    {
        string shownAs = Path.Combine(ShownAs, name);
        var fd = Libc.OpenAt(_fd, name, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out var errno);
        if (fd.IsInvalid && errno == Errno.ENOENT && create)
        {
            fd.Dispose();
            if (Libc.MkdirAt(_fd, name, 0x1ED /* 0755 */) is not (Errno.None or Errno.EEXIST) and var mkdirError)
                throw new PidmanException($"cannot create {shownAs}: {mkdirError}");
            fd = Libc.OpenAt(_fd, name, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out errno);
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
        return new HeldDirectory(fd, shownAs);
    }
}
