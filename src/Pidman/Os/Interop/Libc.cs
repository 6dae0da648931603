using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

/// <summary>Every native call Pidman makes, one file per libc function, each a raw import plus a safe wrapper.</summary>
/// <remarks>Follows dotnet/runtime's Interop layout: callers never see a raw return code, only <see cref="Errno"/>.</remarks>
internal static partial class Libc
{
    private const string LibraryName = "libc";

    /// <summary>The errno of the last failed call on this thread.</summary>
    internal static Errno LastErrno => (Errno)Marshal.GetLastPInvokeError();
}
