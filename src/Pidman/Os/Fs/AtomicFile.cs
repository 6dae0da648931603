using Pidman.Exceptions;
using Pidman.Os.Interop;

namespace Pidman.Os.Fs;

/// <summary>Replaces a file so that readers see the old content or the new, never a torn or empty file.</summary>
internal static class AtomicFile
{
    /// <summary>The PID of the process that created temp file <paramref name="fileName"/> (<c>.NAME.PID.GUID.tmp</c>), or null.</summary>
    internal static int? WriterPid(string fileName)
    {
        var parts = fileName.Split('.');
        return parts.Length >= 4 && int.TryParse(parts[^3], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    /// <summary>
    /// Writes a temp file in <paramref name="tempDirectory"/> (same filesystem), then renames it over <paramref name="fileName"/>
    /// in <paramref name="directory"/>. No fsync: a PID file or record only means something until the next boot (the boot id
    /// check voids it after a crash), and rename(2) alone already keeps every reader from seeing a torn file while we run.
    /// </summary>
    /// <exception cref="PidmanException">The temp file cannot be created or written, or the rename fails.</exception>
    internal static void Write(HeldDirectory directory, string fileName, ReadOnlySpan<byte> content, HeldDirectory tempDirectory)
    {
        using var prepared = Prepare(tempDirectory, fileName, content);
        prepared.Commit(directory, fileName);
    }

    /// <summary>
    /// The first half of <see cref="Write"/>: the temp file, written, whose identity (device, inode) is already the one the
    /// file will have once <see cref="Prepared.Commit"/> renames it into place. Disposed uncommitted, it is removed.
    /// </summary>
    /// <exception cref="PidmanException">The temp file cannot be created or written.</exception>
    internal static Prepared Prepare(HeldDirectory tempDirectory, string fileName, ReadOnlySpan<byte> content)
    {
        string temp = $".{fileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using var fd = tempDirectory.OpenFile(temp, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_EXCL | Libc.O_NOFOLLOW, 0x1A4 /* 0644 */, out var errno);
        if (fd.IsInvalid) throw new PidmanException($"cannot create {tempDirectory.ShownAs}/{temp}: {errno.Describe()}", errno.AsException());
        if (!Libc.WriteAll(fd, content, out errno) || !Libc.TryFileStatus(fd, out var status, out errno))
        {
            tempDirectory.Delete(temp);
            throw new PidmanException($"cannot write {tempDirectory.ShownAs}/{temp}: {errno.Describe()}", errno.AsException());
        }
        return new Prepared(tempDirectory, temp, status);
    }

    /// <summary>A written temp file waiting to be renamed into place.</summary>
    internal sealed class Prepared(HeldDirectory tempDirectory, string temp, Libc.FileStatus status) : IDisposable
    {
        private bool _committed;

        /// <summary>The file's metadata: its device and inode stay the same through the rename.</summary>
        public Libc.FileStatus Status => status;

        /// <summary>Renames it over <paramref name="fileName"/> in <paramref name="directory"/>.</summary>
        /// <exception cref="PidmanException">The rename fails.</exception>
        public void Commit(HeldDirectory directory, string fileName)
        {
            if (tempDirectory.Move(temp, directory, fileName) is not Errno.None and var renameError)
                throw new PidmanException($"cannot replace {directory.ShownAs}/{fileName}: {renameError.Describe()}", renameError.AsException());
            _committed = true;
        }

        public void Dispose()
        {
            if (!_committed) tempDirectory.Delete(temp);
        }
    }
}
