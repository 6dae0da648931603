using System.Globalization;
using Pidman.Exceptions;
using Pidman.Os.Interop;

namespace Pidman.Os.Fs;

/// <summary>
/// One directory held open (O_PATH) after it was reached component by component from a root with openat and
/// O_NOFOLLOW and checked by <see cref="TrustRule"/>; <see cref="IoPath"/> names it for file operations
/// (<c>/proc/self/fd/N</c>), which the kernel resolves to this very directory whatever happens to its name.
/// </summary>
internal sealed class HeldDirectory : IDisposable
{
    private readonly FileDescriptor _fd;

    private HeldDirectory(FileDescriptor fd, string shownAs, Libc.FileStatus status)
    {
        _fd = fd;
        ShownAs = shownAs;
        IsShared = TrustRule.IsShared(status);
    }

    /// <summary>The directory's name, for messages.</summary>
    public string ShownAs { get; }

    /// <summary>True when users other than its owner may add, rename or remove entries in it (<see cref="TrustRule.IsShared"/>).</summary>
    public bool IsShared { get; }

    /// <summary>The directory for file operations.</summary>
    public string IoPath => "/proc/self/fd/" + _fd.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="path"/> as a message shows it: a name through a held directory (<c>/proc/self/fd/N/web.start</c>)
    /// becomes the directory's real name and the file's, so a user reads where the file is.
    /// </summary>
    public static string Shown(string path)
    {
        const string prefix = "/proc/self/fd/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return path;
        int slash = path.IndexOf('/', prefix.Length);
        string link = slash < 0 ? path : path[..slash];
        try
        {
            return new FileInfo(link).LinkTarget is { } target ? target + (slash < 0 ? "" : path[slash..]) : path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    /// <summary>A file in it, for file operations.</summary>
    public string File(string fileName) => $"{IoPath}/{fileName}";

    /// <summary>openat(2) of a file in it: no path lookup through <c>/proc</c>, and never a different directory.</summary>
    public FileDescriptor OpenFile(string fileName, int flags, int mode, out Errno errno) => Libc.OpenAt(_fd, fileName, flags, mode, out errno);

    /// <summary>
    /// Reads a small file of this directory whole, safely: opened with <c>O_NOFOLLOW | O_NONBLOCK</c> (a link fails, a FIFO
    /// cannot hang us), read only when fstat says it is a regular file of at most <paramref name="buffer"/>'s length, in
    /// exactly the size fstat gave (one read(2), no extra call to see EOF). The result says which step stopped it.
    /// </summary>
    public SmallFileRead ReadSmallFile(string fileName, Span<byte> buffer)
    {
        using var fd = Libc.OpenAt(_fd, fileName, Libc.O_RDONLY | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, 0, out var errno);
        if (fd.IsInvalid) return new(errno, null, -1);
        if (!Libc.TryFileStatus(fd, out var status, out errno)) return new(errno, null, -1);
        if (!status.IsRegularFile || status.Size > buffer.Length) return new(Errno.None, status, -1);
        return new(Errno.None, status, Libc.ReadFully(fd, buffer[..(int)status.Size], out _));
    }

    /// <summary>Creates an empty file that must not exist yet (<c>O_CREAT | O_EXCL | O_NOFOLLOW</c>); its error, or None.</summary>
    public Errno CreateEmptyFile(string fileName, int mode)
    {
        using var fd = Libc.OpenAt(_fd, fileName, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW, mode, out var errno);
        return fd.IsInvalid ? errno : Errno.None;
    }

    /// <summary>unlinkat(2) of a file in it; <see cref="Errno.ENOENT"/> when it is gone already.</summary>
    public Errno Delete(string fileName) => Libc.UnlinkAt(_fd, fileName);

    /// <summary>renameat(2) of <paramref name="from"/> in this directory over <paramref name="to"/> in <paramref name="target"/>.</summary>
    public Errno Move(string from, HeldDirectory target, string to) => Libc.RenameAt(_fd, from, target._fd, to);

    /// <summary>renameat2(2) of <paramref name="from"/> to <paramref name="to"/> in this directory, unless something has that name (<see cref="Errno.EEXIST"/>).</summary>
    public Errno MoveNoReplace(string from, string to) => Libc.RenameAtNoReplace(_fd, from, _fd, to);

    /// <summary>mkdirat(2) of <paramref name="name"/> in it with <paramref name="mode"/> (before the umask).</summary>
    public Errno MakeDirectory(string name, int mode) => Libc.MkdirAt(_fd, name, mode);

    /// <summary>fchmodat(2) of <paramref name="name"/> in it.</summary>
    public Errno ChangeMode(string name, uint mode) => Libc.ChangeModeAt(_fd, name, mode);

    /// <summary>Removes the empty directory <paramref name="name"/> in it.</summary>
    public Errno RemoveDirectory(string name) => Libc.RemoveDirectoryAt(_fd, name);

    /// <summary>What is at <paramref name="name"/> in it, a link described rather than followed; false when nothing is.</summary>
    public bool TryStatus(string name, out Libc.FileStatus status) => Libc.TryFileStatusAt(_fd, name, out status, out _);

    /// <summary>The directory itself opened for reading (an O_PATH descriptor cannot be locked or listed).</summary>
    public FileDescriptor OpenSelf(out Errno errno) => Libc.OpenAt(_fd, ".", Libc.O_RDONLY | Libc.O_DIRECTORY, 0, out errno);

    /// <summary>
    /// Opens <paramref name="path"/> from <paramref name="root"/>, checking the root and every component on the way; a path
    /// outside the root is walked from <c>/</c> the same way (a config that names one gets no further than the rule allows).
    /// Null when missing and not <paramref name="create"/>.
    /// </summary>
    /// <exception cref="PidmanException">A directory on the way breaks the trust rule, or cannot be opened or made.</exception>
    public static HeldDirectory? Open(string root, string path, bool create)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        bool under = path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
        string start = under ? root : "/";
        // The project root is the user's to choose (followed if a link, created as asked), then checked like what is under it.
        if (create && under) Directory.CreateDirectory(start);
        var fd = Libc.Open(start, Libc.O_PATH | Libc.O_DIRECTORY, 0, out var errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            return errno == Errno.ENOENT && !create ? null : throw new PidmanException($"cannot open {start}: {errno.Describe()}", errno.AsException());
        }
        var held = Checked(fd, start);
        foreach (string part in Path.GetRelativePath(start, path).Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "."))
        {
            var next = held.Child(part, create);
            held._fd.Dispose();
            if (next is null) return null;
            held = next;
        }
        return held;
    }

    private static HeldDirectory Checked(FileDescriptor fd, string shownAs)
    {
        if (!Libc.TryFileStatus(fd, out var status, out var statError))
        {
            fd.Dispose();
            throw new PidmanException($"cannot examine {shownAs}: {statError.Describe()}", statError.AsException());
        }
        if (TrustRule.DirectoryProblem(status, shownAs) is { } problem)
        {
            fd.Dispose();
            throw new PidmanException(problem);
        }
        return new HeldDirectory(fd, shownAs, status);
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
                throw new PidmanException($"cannot create {shownAs}: {mkdirError.Describe()}", mkdirError.AsException());
            fd = Libc.OpenAt(_fd, name, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_NOFOLLOW, 0, out errno);
        }
        if (fd.IsInvalid)
        {
            fd.Dispose();
            return errno switch
            {
                Errno.ENOENT when !create => null,
                // O_NOFOLLOW|O_DIRECTORY fails the same way for a link and for a file: a look without following tells which.
                Errno.ELOOP or Errno.ENOTDIR when TryStatus(name, out var status) && !status.IsSymbolicLink =>
                    throw new PidmanException($"{shownAs} is not a directory", Errno.ENOTDIR.AsException()),
                Errno.ELOOP or Errno.ENOTDIR => throw new PidmanException($"{shownAs} is a symbolic link; pidman does not follow links on the way to its directories (another user could point one anywhere): name the directory by its real path, or replace the link with a directory", Errno.ELOOP.AsException()),
                _ => throw new PidmanException($"cannot open {shownAs}: {errno.Describe()}", errno.AsException()),
            };
        }
        return Checked(fd, shownAs);
    }

    /// <summary>Closes the directory's descriptor.</summary>
    public void Dispose() => _fd.Dispose();
}
