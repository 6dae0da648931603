using System.Globalization;
using Pidman.Exceptions;
using Pidman.Interop;

namespace Pidman.PidFiles;

/// <summary>
/// The rule for what pidman trusts under a project: a directory it reads, writes or deletes in, from the project root
/// down, must not be a symbolic link, must be owned by the user pidman runs as or by root, and must not be writable by
/// everyone unless it is sticky (like /tmp). Another local user who can write the project folder could otherwise point
/// <c>local/pid</c> at /run and have root's <c>stop --all</c> signal root's daemons through their own PID files.
/// <see cref="HeldDirectory"/> applies it to each directory as it reaches it; files are opened without following links.
/// </summary>
internal static class TrustedPath
{
    private static readonly uint s_euid = Libc.GetEffectiveUid();

    /// <summary>What is wrong with directory <paramref name="shownAs"/>'s owner or mode, or null.</summary>
    internal static string? Problem(Libc.FileStatus status, string shownAs)
    {
        if (status.Uid != s_euid && status.Uid != 0)
            return $"{shownAs} is owned by uid {status.Uid.ToString(CultureInfo.InvariantCulture)}, not by you or root; pidman does not act on files another user controls: chown it, or run pidman as that user";
        if ((status.Mode & 0x2) != 0 && !status.IsSticky)
            return $"{shownAs} is writable by everyone (mode {Convert.ToString(status.Mode & 0xFFF, 8)}); pidman does not act on files anyone can replace: chmod o-w it";
        return null;
    }

    /// <summary>Appends <paramref name="bytes"/> to <paramref name="path"/>, created 0644 if missing, never through a symbolic link.</summary>
    /// <exception cref="PidmanException">The file is a symbolic link, or cannot be opened.</exception>
    internal static void AppendNoFollow(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = OpenForAppend(path);
        stream.Write(bytes);
    }

    /// <summary>Opens <paramref name="path"/> for appending, created 0644 if missing, never through a symbolic link.</summary>
    /// <exception cref="PidmanException">The file is a symbolic link, or cannot be opened.</exception>
    internal static FileStream OpenForAppend(string path)
    {
        var fd = Libc.Open(path, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND | Libc.O_NOFOLLOW, 0x1A4 /* 0644 */, out var errno);
        if (fd.IsInvalid)
        {
            fd.Dispose();
            throw new PidmanException(errno == Errno.ELOOP ? $"{path} is a symbolic link; pidman does not write through links: remove it" : $"cannot open {path}: {errno}");
        }
        // O_APPEND: every write lands at the end, whoever else appends (pwrite's offset is ignored on Linux).
        var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd.DangerousGetHandle(), ownsHandle: true);
        fd.SetHandleAsInvalid(); // the FileStream owns the descriptor now
        return new FileStream(handle, FileAccess.Write, bufferSize: 0);
    }
}
