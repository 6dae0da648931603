using System.Text;
using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>Reads of the kernel's small generated files (/proc, cgroupfs): open, one read(2), close - no stream, no lock, no stat.</summary>
internal static class KernelFile
{
    /// <summary>
    /// Reads a small /proc, /sys or cgroup file with one read(2); null when it does not exist (the process is gone).
    /// /proc files are seq_files: one read returns the whole content when the buffer holds it, so no
    /// second call is spent on EOF (text beyond <paramref name="maxBytes"/> is cut, which callers allow).
    /// </summary>
    internal static string? ReadText(string path, int maxBytes = 1024)
    {
        using var fd = Libc.Open(path, Libc.O_RDONLY, 0, out _);
        if (fd.IsInvalid) return null;
        if (maxBytes <= 4096)
        {
            Span<byte> small = stackalloc byte[maxBytes];
            int read = Libc.ReadOnce(fd, small, out _);
            return read < 0 ? null : Encoding.UTF8.GetString(small[..read]);
        }
        // Large reads (environ of every session leader at a start) borrow one buffer: no 64 KiB of garbage per process.
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            int n = Libc.ReadOnce(fd, buffer.AsSpan(0, maxBytes), out _);
            return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, n);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
