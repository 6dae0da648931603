using Pidman.Exceptions;
using Pidman.Os.Interop;
using Microsoft.Win32.SafeHandles;

namespace Pidman.Os.Fs;

/// <summary>
/// Every file pidman reads to decide something or writes, opened once by <see cref="TrustRule"/>'s file rule and then used
/// only through that descriptor: <c>O_NOFOLLOW</c> (a link is refused, never followed), <c>O_NONBLOCK</c> (a FIFO or a device
/// in its place cannot hang the open), checked by <c>fstat</c> on the descriptor, and size-capped while reading from it (a
/// FIFO or <c>/dev/zero</c> reports no size). Paths are the caller's: names through a <see cref="HeldDirectory"/>
/// (<c>/proc/self/fd/N/NAME</c>) when the file is in one, so no component on the way can be swapped either.
/// </summary>
internal static class TrustedFile
{
    /// <summary>A config or env file larger than this is refused: they are a few KiB, and their readers hold them whole.</summary>
    internal const int MaxConfigBytes = 4 * 1024 * 1024;

    private const int Mode0644 = 0x1A4;

    /// <summary>
    /// Reads the whole of <paramref name="path"/> (<paramref name="shownAs"/> in messages), at most <paramref name="maxBytes"/>;
    /// false with the reason when the file breaks the rule, is too large or cannot be read. A missing file is a problem too.
    /// </summary>
    internal static bool TryRead(string path, string shownAs, int maxBytes, out byte[] content, out string problem)
    {
        content = [];
        using var fd = OpenChecked(path, shownAs, Libc.O_RDONLY, 0, forWriting: false, out problem);
        if (fd is null) return false;
        // One byte more than allowed tells a too-large file apart, whatever fstat said (0 for /proc files, FIFOs, devices).
        var buffer = new byte[Math.Min(maxBytes + 1L, 64 * 1024)];
        int total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > maxBytes) break;
                Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 4L, maxBytes + 1L));
            }
            int n = Libc.ReadOnce(fd, buffer.AsSpan(total), out var errno);
            if (n < 0)
            {
                problem = $"cannot read {shownAs}: {errno.Describe()}";
                return false;
            }
            if (n == 0) break;
            total += n;
        }
        if (total > maxBytes)
        {
            problem = $"{shownAs} is larger than {maxBytes / (1024 * 1024)} MiB; pidman reads files of a few KiB here";
            return false;
        }
        content = buffer.AsSpan(0, total).ToArray();
        problem = "";
        return true;
    }

    /// <summary>Why the rule refuses <paramref name="path"/> (a missing file included), or null: the file is opened and examined, not read.</summary>
    internal static string? Problem(string path, string shownAs)
    {
        using var fd = OpenChecked(path, shownAs, Libc.O_RDONLY, 0, forWriting: false, out var problem);
        return fd is null ? problem : null;
    }

    /// <summary>The reason in a message of this type without the file's name in front: "is owned by uid 1003 ...".</summary>
    internal static string WithoutName(string problem, string shownAs) =>
        problem.StartsWith(shownAs, StringComparison.Ordinal) ? problem[shownAs.Length..].TrimStart(':', ' ') : problem;

    /// <summary>
    /// Opens <paramref name="path"/> for reading by the rule; null with <paramref name="problem"/> empty when it does not
    /// exist, null with the reason when it breaks the rule.
    /// </summary>
    internal static FileStream? OpenForReading(string path, string shownAs, out string problem)
    {
        var fd = OpenChecked(path, shownAs, Libc.O_RDONLY, 0, forWriting: false, out problem, missingIsProblem: false);
        return fd is null ? null : Stream(fd, FileAccess.Read);
    }

    /// <summary>Opens <paramref name="path"/> for appending by the rule, created 0644 when missing: the descriptor, or an exception naming the file.</summary>
    /// <exception cref="PidmanException">It breaks the rule or cannot be opened.</exception>
    internal static FileDescriptor OpenForAppend(string path, string shownAs, bool readable = false) =>
        OpenChecked(path, shownAs, (readable ? Libc.O_RDWR : Libc.O_WRONLY) | Libc.O_APPEND | Libc.O_CREAT, Mode0644, forWriting: true, out var problem)
        ?? throw new PidmanException(problem);

    /// <summary>Opens <paramref name="path"/> for reading and writing in place (rotation copies it, then truncates it), never creating it; null when missing.</summary>
    /// <exception cref="PidmanException">It breaks the rule or cannot be opened.</exception>
    internal static FileDescriptor? OpenForRewrite(string path, string shownAs)
    {
        var fd = OpenChecked(path, shownAs, Libc.O_RDWR, 0, forWriting: true, out var problem, missingIsProblem: false);
        return fd is null && problem.Length > 0 ? throw new PidmanException(problem) : fd;
    }

    /// <summary>Appends <paramref name="bytes"/> to <paramref name="path"/> by the rule (created 0644 when missing).</summary>
    /// <exception cref="PidmanException">It breaks the rule or cannot be opened or written.</exception>
    internal static void Append(string path, string shownAs, ReadOnlySpan<byte> bytes)
    {
        using var fd = OpenForAppend(path, shownAs);
        if (!Libc.WriteAll(fd, bytes, out var errno)) throw new PidmanException($"cannot write {shownAs}: {errno.Describe()}", errno.AsException());
    }

    /// <summary>A <see cref="FileStream"/> that owns <paramref name="fd"/>.</summary>
    internal static FileStream Stream(FileDescriptor fd, FileAccess access)
    {
        var handle = new SafeFileHandle(fd.DangerousGetHandle(), ownsHandle: true);
        fd.SetHandleAsInvalid(); // the stream owns the descriptor now
        return new FileStream(handle, access, bufferSize: 0);
    }

    /// <summary>
    /// Writes <paramref name="fileName"/> in <paramref name="directory"/> whole: a temp file beside it, then a rename over
    /// the name, which replaces whatever is there (a link too) without following it; with <paramref name="replace"/> false,
    /// an existing name is left alone and the call fails.
    /// </summary>
    /// <exception cref="PidmanException">The name exists (without <paramref name="replace"/>) or the write fails; the message names the file.</exception>
    internal static void Write(HeldDirectory directory, string fileName, ReadOnlySpan<byte> content, bool replace)
    {
        string shownAs = Path.Combine(directory.ShownAs, fileName);
        string temp = $".{fileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var fd = directory.OpenFile(temp, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW, Mode0644, out var errno))
        {
            if (fd.IsInvalid) throw new PidmanException($"cannot create a file in {directory.ShownAs}: {errno.Describe()}", errno.AsException());
            if (!Libc.WriteAll(fd, content, out errno))
            {
                directory.Delete(temp);
                throw new PidmanException($"cannot write {shownAs}: {errno.Describe()}", errno.AsException());
            }
        }
        var moved = replace ? directory.Move(temp, directory, fileName) : directory.MoveNoReplace(temp, fileName);
        if (moved is Errno.None) return;
        directory.Delete(temp);
        throw new PidmanException(moved == Errno.EEXIST ? $"{shownAs} already exists; use --force to replace it" : $"cannot write {shownAs}: {moved.Describe()}");
    }

    private static FileDescriptor? OpenChecked(string path, string shownAs, int flags, int mode, bool forWriting, out string problem, bool missingIsProblem = true)
    {
        var fd = Libc.Open(path, flags | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, mode, out var errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            problem = errno switch
            {
                Errno.ENOENT when !missingIsProblem => "",
                Errno.ENOENT => $"{shownAs}: no such file",
                Errno.ELOOP => $"{shownAs} is a symbolic link; pidman does not read or write files through links (another user could point one anywhere): replace it with the file itself",
                Errno.ENXIO => $"{shownAs} is a socket or a FIFO, not a regular file: remove it",
                _ => $"cannot open {shownAs}: {errno.Describe()}",
            };
            return null;
        }
        if (!Libc.TryFileStatus(fd, out var status, out errno))
        {
            fd.Dispose();
            problem = $"cannot examine {shownAs}: {errno.Describe()}";
            return null;
        }
        if (TrustRule.FileProblem(status, shownAs, forWriting) is { } refused)
        {
            fd.Dispose();
            problem = refused;
            return null;
        }
        problem = "";
        return fd;
    }
}
