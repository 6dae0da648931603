using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "getppid")]
    internal static partial int GetParentPid();

    [LibraryImport(LibraryName, EntryPoint = "getpgid", SetLastError = true)]
    private static partial int GetpgidRaw(int pid);

    /// <summary>getpgid(2): the process group of <paramref name="pid"/> (zombies included), or null when there is no such process.</summary>
    internal static int? ProcessGroupOf(int pid) => GetpgidRaw(pid) is int pgid and >= 0 ? pgid : null;

    [LibraryImport(LibraryName, EntryPoint = "getpgrp")]
    internal static partial int GetProcessGroup();

    [LibraryImport(LibraryName, EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUid();

    [LibraryImport(LibraryName, EntryPoint = "getegid")]
    internal static partial uint GetEffectiveGid();
}
