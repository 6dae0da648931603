using Pidman.Os.Interop;

namespace Pidman.Os.Fs;

/// <summary>What <see cref="HeldDirectory.ReadSmallFile"/> found.</summary>
/// <param name="Error">Why the file could not be opened or examined (ENOENT: there is none; ELOOP: a link), or None.</param>
/// <param name="Status">The file's metadata, once it was opened.</param>
/// <param name="Length">The bytes read into the caller's buffer; -1 when nothing was read (not opened, not a regular
/// file, larger than the buffer, or the read failed).</param>
internal readonly record struct SmallFileRead(Errno Error, Libc.FileStatus? Status, int Length)
{
    /// <summary>True when the whole file is in the buffer.</summary>
    public bool WasRead => Length >= 0;
}
