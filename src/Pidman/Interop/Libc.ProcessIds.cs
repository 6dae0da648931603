using System.Runtime.InteropServices;

namespace Pidman.Interop;

internal static partial class Libc
{
    [LibraryImport(LibraryName, EntryPoint = "getppid")]
    internal static partial int GetParentPid();

    [LibraryImport(LibraryName, EntryPoint = "getpgrp")]
    internal static partial int GetProcessGroup();

    [LibraryImport(LibraryName, EntryPoint = "geteuid")]
    internal static partial uint GetEffectiveUid();
}
