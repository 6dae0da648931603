using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

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
        private const uint S_IFLNK = 0xA000;

        /// <summary>The owning group.</summary>
        public uint Gid { get; init; }

        /// <summary>How many names (hard links) the file has.</summary>
        public uint Links { get; init; }

        public bool IsRegularFile => (Mode & S_IFMT) == S_IFREG;
        public bool IsDirectory => (Mode & S_IFMT) == S_IFDIR;
        public bool IsSymbolicLink => (Mode & S_IFMT) == S_IFLNK;
        public bool IsSticky => (Mode & 0x200) != 0;
        public bool IsGroupWritable => (Mode & 0x10) != 0;
        public bool IsWorldWritable => (Mode & 0x2) != 0;

        /// <summary>The permission bits as <c>ls</c> and <c>chmod</c> write them in octal (<c>2775</c>).</summary>
        public string Octal => Convert.ToString(Mode & 0xFFF, 8);

        /// <summary>What kind of file this is, for messages: "a FIFO", "a directory", ...</summary>
        public string Kind => (Mode & S_IFMT) switch
        {
            S_IFREG => "a regular file",
            S_IFDIR => "a directory",
            S_IFLNK => "a symbolic link",
            0x1000 => "a FIFO",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            _ => "a special file",
        };
    }

    [LibraryImport(LibraryName, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int StatxRaw(int dirfd, string path, int flags, uint mask, byte* buffer);

    private const int AT_SYMLINK_NOFOLLOW = 0x100;

    /// <summary><c>fstat</c> through statx(2) on an open descriptor.</summary>
    internal static bool TryFileStatus(FileDescriptor fd, out FileStatus status, out Errno errno) =>
        TryStatx(fd.Value, "", AT_EMPTY_PATH, out status, out errno);

    /// <summary><c>fstatat(dir, name, AT_SYMLINK_NOFOLLOW)</c> through statx(2): a link is described, never followed.</summary>
    internal static bool TryFileStatusAt(FileDescriptor directory, string name, out FileStatus status, out Errno errno) =>
        TryStatx(directory.Value, name, AT_SYMLINK_NOFOLLOW, out status, out errno);

    private static unsafe bool TryStatx(int dirfd, string path, int flags, out FileStatus status, out Errno errno)
    {
        // struct statx is 256 bytes; offsets from include/uapi/linux/stat.h.
        byte* buffer = stackalloc byte[256];
        if (StatxRaw(dirfd, path, flags, STATX_BASIC_STATS, buffer) != 0)
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
        status = new FileStatus(mode, uid, inode, (devMajor << 32) | devMinor, size, modified) { Links = *(uint*)(buffer + 16), Gid = *(uint*)(buffer + 24) };
        return true;
    }
}
