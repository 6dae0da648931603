using Pidman.Exceptions;
using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>The plain descriptor work of moving output: a pipe, reads as they come, appends that never block the writer, waits on many.</summary>
internal static class Pipes
{
    /// <summary>A new pipe.</summary>
    /// <exception cref="PidmanException">pipe(2) failed; the message names <paramref name="purpose"/>.</exception>
    internal static (FileDescriptor Read, FileDescriptor Write) Create(string purpose)
    {
        if (Libc.Pipe(out var read, out var write) is not Errno.None and var failed)
            throw new PidmanException($"cannot create {purpose}: {failed.Describe()}", failed.AsException());
        return (read, write);
    }

    /// <summary>What one read(2) returns into <paramref name="buffer"/>: the byte count, 0 at end of input or on an error.</summary>
    internal static int ReadSome(FileDescriptor input, Span<byte> buffer) => Math.Max(0, Libc.ReadOnce(input, buffer, out _));

    /// <summary>Appends <paramref name="bytes"/>; what the file cannot take (a full disk) is dropped, never waited for.</summary>
    internal static void AppendOrDrop(FileDescriptor file, ReadOnlySpan<byte> bytes) => Libc.WriteAll(file, bytes, out _);

    /// <summary>Waits until any of <paramref name="fds"/> is readable (or has ended), marking each in <paramref name="ready"/>; false on an error.</summary>
    internal static bool WaitAnyReadable(ReadOnlySpan<int> fds, Span<bool> ready) => Libc.PollAny(fds, ready);
}
