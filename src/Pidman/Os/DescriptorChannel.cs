using Pidman.Exceptions;
using Pidman.Os.Interop;

namespace Pidman.Os;

/// <summary>
/// One end of a private Unix socket pair over which open descriptors travel (SCM_RIGHTS), two at a time: a service's
/// output pipe and its log, from pidman to its line stamper.
/// </summary>
internal sealed class DescriptorChannel(FileDescriptor socket) : IDisposable
{
    /// <summary>The socket, to poll for what arrives.</summary>
    public FileDescriptor Socket => socket;

    /// <summary>A new pair: this end, and the other end for the process at the far side (its stdin).</summary>
    /// <exception cref="PidmanException">socketpair(2) failed.</exception>
    internal static (DescriptorChannel Ours, FileDescriptor Theirs) CreatePair(string purpose)
    {
        if (Libc.SocketPair(out var ours, out var theirs) is not Errno.None and var failed)
            throw new PidmanException($"cannot create {purpose}: {failed.Describe()}", failed.AsException());
        return (new DescriptorChannel(ours), theirs);
    }

    /// <summary>Sends <paramref name="first"/> and <paramref name="second"/>; false when the far side is gone (EPIPE).</summary>
    internal bool TrySend(FileDescriptor first, FileDescriptor second) => Libc.SendDescriptors(socket, [first.Value, second.Value]) == Errno.None;

    /// <summary>
    /// Receives the next pair: null when what came was not a pair (any stray descriptor is closed) or nothing came;
    /// <paramref name="ended"/> when the far side has closed its end.
    /// </summary>
    internal (FileDescriptor First, FileDescriptor Second)? Receive(out bool ended)
    {
        Span<int> received = stackalloc int[2];
        int count = Libc.ReceiveDescriptors(socket, received, out ended);
        if (count == 2) return (new FileDescriptor(received[0]), new FileDescriptor(received[1]));
        for (int i = 0; i < count; i++) Libc.Close(received[i]);
        return null;
    }

    public void Dispose() => socket.Dispose();
}
