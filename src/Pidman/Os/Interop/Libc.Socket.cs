using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    private const int AF_UNIX = 1;
    private const int SOCK_SEQPACKET = 5;
    private const int SOCK_CLOEXEC = 0x80000;
    private const int SOL_SOCKET = 1;
    private const int SCM_RIGHTS = 1;
    private const int MSG_NOSIGNAL = 0x4000;
    private const int MSG_CMSG_CLOEXEC = 0x40000000;
    private const int CmsgHeaderBytes = 16; // struct cmsghdr on LP64: size_t len, int level, int type

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [LibraryImport(LibraryName, EntryPoint = "socketpair", SetLastError = true)]
    private static unsafe partial int SocketPairRaw(int domain, int type, int protocol, int* fds);

    [LibraryImport(LibraryName, EntryPoint = "sendmsg", SetLastError = true)]
    private static unsafe partial nint SendMessageRaw(int fd, MessageHeader* message, int flags);

    [LibraryImport(LibraryName, EntryPoint = "recvmsg", SetLastError = true)]
    private static unsafe partial nint ReceiveMessageRaw(int fd, MessageHeader* message, int flags);

    /// <summary>A connected pair of private Unix sequenced-packet sockets (<c>O_CLOEXEC</c>): no other process can reach either end.</summary>
    internal static unsafe Errno SocketPair(out FileDescriptor ours, out FileDescriptor theirs)
    {
        int* fds = stackalloc int[2];
        if (SocketPairRaw(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0)
        {
            ours = theirs = new FileDescriptor(-1);
            return LastErrno;
        }
        ours = new FileDescriptor(fds[0]);
        theirs = new FileDescriptor(fds[1]);
        return Errno.None;
    }

    /// <summary>Sends copies of <paramref name="fds"/> (at most 8) in one message (SCM_RIGHTS); never raises SIGPIPE.</summary>
    internal static unsafe Errno SendDescriptors(FileDescriptor socket, ReadOnlySpan<int> fds)
    {
        long* control = stackalloc long[6]; // 48 bytes, 8-aligned: the header and 8 descriptors
        byte payload = 1;
        var iov = new IoVec { Base = &payload, Length = 1 };
        *(nuint*)control = (nuint)(CmsgHeaderBytes + 4 * fds.Length);
        ((int*)control)[2] = SOL_SOCKET;
        ((int*)control)[3] = SCM_RIGHTS;
        fds.CopyTo(new Span<int>((byte*)control + CmsgHeaderBytes, fds.Length));
        var message = new MessageHeader { Iov = &iov, IovLength = 1, Control = control, ControlLength = (nuint)(CmsgHeaderBytes + (4 * fds.Length + 7) / 8 * 8) };
        while (true)
        {
            if (SendMessageRaw(socket.Value, &message, MSG_NOSIGNAL) >= 0) return Errno.None;
            if (LastErrno != Errno.EINTR) return LastErrno;
        }
    }

    /// <summary>
    /// Receives one message's descriptors (close-on-exec) into <paramref name="fds"/> and returns their count;
    /// <paramref name="ended"/> at end of stream (the peer closed its end). Descriptors beyond the span's room are closed.
    /// </summary>
    internal static unsafe int ReceiveDescriptors(FileDescriptor socket, Span<int> fds, out bool ended)
    {
        long* control = stackalloc long[6];
        byte payload;
        var iov = new IoVec { Base = &payload, Length = 1 };
        var message = new MessageHeader { Iov = &iov, IovLength = 1, Control = control, ControlLength = 48 };
        nint n;
        do n = ReceiveMessageRaw(socket.Value, &message, MSG_CMSG_CLOEXEC);
        while (n < 0 && LastErrno == Errno.EINTR);
        ended = n <= 0;
        if (n <= 0 || message.ControlLength < CmsgHeaderBytes || ((int*)control)[2] != SOL_SOCKET || ((int*)control)[3] != SCM_RIGHTS) return 0;
        int count = (int)((*(nuint*)control - CmsgHeaderBytes) / 4);
        var received = new ReadOnlySpan<int>((byte*)control + CmsgHeaderBytes, count);
        for (int i = fds.Length; i < count; i++) Close(received[i]);
        received[..Math.Min(count, fds.Length)].CopyTo(fds);
        return Math.Min(count, fds.Length);
    }
}
