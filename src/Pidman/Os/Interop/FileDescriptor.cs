using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

/// <summary>An owned file descriptor from <c>open(2)</c> or <c>pidfd_open(2)</c>, closed exactly once.</summary>
internal sealed class FileDescriptor : SafeHandle
{
    public FileDescriptor() : base(invalidHandleValue: -1, ownsHandle: true) { }

    internal FileDescriptor(int fd) : this() => SetHandle(fd);

    /// <summary>A descriptor this process has anyway (0, 1, 2): used, never closed.</summary>
    internal FileDescriptor(int fd, bool owns) : base(invalidHandleValue: -1, ownsHandle: owns) => SetHandle(fd);

    /// <inheritdoc />
    public override bool IsInvalid => handle < 0;

    /// <summary>The raw descriptor number for passing to other native calls.</summary>
    internal int Value => (int)handle;

    /// <inheritdoc />
    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
