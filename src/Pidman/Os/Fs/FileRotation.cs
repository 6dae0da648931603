using Pidman.Exceptions;
using Pidman.Os.Interop;

namespace Pidman.Os.Fs;

/// <summary>
/// Rotation of a file that another process keeps appending to (a service log held open by the line stamper, or by the
/// service itself): copy, then truncate, all through descriptors and the held directory, so that no name on the way can be
/// swapped for a link between a check and a use. A rename would leave the writer writing to the renamed file.
/// </summary>
internal static class FileRotation
{
    private const int CopyChunk = 1 << 20;
    private const int Mode0644 = 0x1A4;

    /// <summary>
    /// Rotates <paramref name="fileName"/> in <paramref name="directory"/> once it holds <paramref name="maxBytes"/> or more:
    /// <c>.N</c> is removed, <c>.1</c> .. <c>.N-1</c> move up one (renameat moves a planted link itself, never its target),
    /// a new <c>.1</c> is created <c>O_EXCL|O_NOFOLLOW</c> (a name raced into its place is refused, not written through)
    /// and filled from the open log, and the open log is truncated. What the writer appends between the copy and the
    /// truncation is lost (milliseconds' worth). True when it rotated.
    /// </summary>
    /// <exception cref="PidmanException">The log or a rotated file breaks the trust rule or cannot be written; the message names it.</exception>
    internal static bool RotateIfLarge(HeldDirectory directory, string fileName, long maxBytes, int keep)
    {
        if (maxBytes <= 0) return false;
        // Looked at without opening it (the supervisor asks every 10 s of every log): only a log that may be due is opened.
        if (!directory.TryStatus(fileName, out var seen) || (seen.IsRegularFile && seen.Size < maxBytes)) return false;
        string shownAs = Path.Combine(directory.ShownAs, fileName);
        using var log = TrustedFile.OpenForRewrite(directory.File(fileName), shownAs);
        if (log is null || !Libc.TryFileStatus(log, out var status, out _) || status.Size < maxBytes) return false;
        if (keep >= 1)
        {
            directory.Delete($"{fileName}.{keep}");
            for (int i = keep - 1; i >= 1; i--)
                if (directory.Move($"{fileName}.{i}", directory, $"{fileName}.{i + 1}") is not (Errno.None or Errno.ENOENT) and var moveError)
                    throw new PidmanException($"cannot rotate {shownAs}.{i}: {moveError.Describe()}", moveError.AsException());
            using var first = CreateNew(directory, $"{fileName}.1", $"{shownAs}.1");
            Copy(log, first, shownAs);
        }
        if (Libc.Truncate(log, 0) is not Errno.None and var truncateError)
            throw new PidmanException($"cannot truncate {shownAs}: {truncateError.Describe()}", truncateError.AsException());
        return true;
    }

    /// <summary>A new, empty file by that name; what stands there (a link another user planted after the move) is removed, never followed.</summary>
    private static FileDescriptor CreateNew(HeldDirectory directory, string fileName, string shownAs)
    {
        for (int attempt = 0; ; attempt++)
        {
            var fd = directory.OpenFile(fileName, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW | Libc.O_NONBLOCK, Mode0644, out var errno);
            if (!fd.IsInvalid) return fd;
            fd.Dispose();
            if (errno != Errno.EEXIST || attempt == 2) throw new PidmanException($"cannot create {shownAs}: {errno.Describe()}", errno.AsException());
            directory.Delete(fileName);
        }
    }

    private static void Copy(FileDescriptor from, FileDescriptor to, string shownAs)
    {
        var buffer = new byte[CopyChunk];
        while (true)
        {
            int n = Libc.ReadOnce(from, buffer, out var readError);
            if (n < 0) throw new PidmanException($"cannot read {shownAs}: {readError.Describe()}", readError.AsException());
            if (n == 0) return;
            if (!Libc.WriteAll(to, buffer.AsSpan(0, n), out var writeError)) throw new PidmanException($"cannot write {shownAs}.1: {writeError.Describe()}", writeError.AsException());
        }
    }
}
