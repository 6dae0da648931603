using System.Runtime.InteropServices;

namespace Pidman.Interop;

internal static partial class Libc
{
    private const int AT_EMPTY_PATH = 0x1000;
    private const uint STATX_BASIC_STATS = 0x7ff;

    /// <summary>The part of <c>struct statx</c> Pidman reads. statx is used instead of fstat because its layout is the same on every architecture.</summary>
    internal readonly record struct FileStatus(uint Mode, uint Uid, ulong Inode, ulong Device, long Size, DateTimeOffset ModifiedAt)
    {
        private const uint S_IFMT = 0xF000;
        private const uint S_IFREG = 0x8000;
        private const uint S_IFDIR = 0x4000;
        private const uint S_IFIFO = 0x1000;

        public bool IsRegularFile => (Mode & S_IFMT) == S_IFREG;
        public bool IsSticky => (Mode & 0x200) != 0;
        public bool IsDirectory => (Mode & S_IFMT) == S_IFDIR;
        public bool IsFifo => (Mode & S_IFMT) == S_IFIFO;
        public bool IsWorldWritable => (Mode & 0x2) != 0;
    }

    [LibraryImport(LibraryName, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxRaw(int dirfd, string path, int flags, uint mask, byte* buffer);

    /// <summary><c>fstat</c> through statx(2) on an open descriptor.</summary>
    internal static unsafe bool TryFileStatus(FileDescriptor fd, out FileStatus status, out Errno errno)
    {
        // struct statx is 256 bytes; offsets from include/uapi/linux/stat.h.
        byte* buffer = stackalloc byte[256];
        if (StatxRaw(fd.Value, "", AT_EMPTY_PATH, STATX_BASIC_STATS, buffer) != 0)
        {
            errno = LastErrno;
            status = default;
            return false;
        }
        errno = Errno.None;
        uint uid = *(uint*)(buffer + 20);
        uint mode = *(ushort*)(buffer + 28);
        ulong inode = *(ulong*)(buffer + 32);
        long size = *(long*)(buffer + 40);
        long mtimeSec = *(long*)(buffer + 112);
        uint mtimeNsec = *(uint*)(buffer + 120);
        ulong devMajor = *(uint*)(buffer + 136);
        ulong devMinor = *(uint*)(buffer + 140);
        var modified = DateTimeOffset.FromUnixTimeSeconds(mtimeSec).AddTicks(mtimeNsec / 100);
        status = new FileStatus(mode, uid, inode, (devMajor << 32) | devMinor, size, modified);
        return true;
    }
}
