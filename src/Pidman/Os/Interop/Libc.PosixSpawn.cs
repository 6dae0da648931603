using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    /// <summary>glibc's POSIX_SPAWN_SETSID (glibc ≥ 2.26): the child calls setsid(), leading a new session and process group.</summary>
    internal const short POSIX_SPAWN_SETSID = 0x80;
    internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
    internal const short POSIX_SPAWN_SETSIGMASK = 0x08;

    // Opaque glibc structures, over-allocated: posix_spawnattr_t is 336 bytes, posix_spawn_file_actions_t
    // 80 and sigset_t 128 on x86-64; 1 KiB leaves room on every architecture.
    internal const int OpaqueSize = 1024;

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnp", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int PosixSpawnp(out int pid, string file, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_init")]
    internal static unsafe partial int PosixSpawnattrInit(void* attributes);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_destroy")]
    internal static unsafe partial int PosixSpawnattrDestroy(void* attributes);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setflags")]
    internal static unsafe partial int PosixSpawnattrSetflags(void* attributes, short flags);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setsigmask")]
    internal static unsafe partial int PosixSpawnattrSetsigmask(void* attributes, void* sigmask);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setsigdefault")]
    internal static unsafe partial int PosixSpawnattrSetsigdefault(void* attributes, void* sigdefault);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_init")]
    internal static unsafe partial int PosixSpawnFileActionsInit(void* fileActions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_destroy")]
    internal static unsafe partial int PosixSpawnFileActionsDestroy(void* fileActions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int PosixSpawnFileActionsAddopen(void* fileActions, int fd, string path, int flags, int mode);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_adddup2")]
    internal static unsafe partial int PosixSpawnFileActionsAdddup2(void* fileActions, int fd, int newFd);

    // glibc ≥ 2.29.
    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int PosixSpawnFileActionsAddchdir(void* fileActions, string path);

    [LibraryImport(LibraryName, EntryPoint = "sigemptyset")]
    internal static unsafe partial int SigEmptySet(void* set);

    [LibraryImport(LibraryName, EntryPoint = "sigfillset")]
    internal static unsafe partial int SigFillSet(void* set);
}
