using System.Runtime.InteropServices;

namespace Pidman.Os.Interop;

internal static partial class Libc
{
    private const int _SC_CLK_TCK = 2;

    [LibraryImport(LibraryName, EntryPoint = "sysconf")]
    private static partial long SysconfRaw(int name);

    /// <summary>Clock ticks per second, the unit of the start time in /proc/PID/stat (sysconf(3)).</summary>
    internal static long ClockTicksPerSecond
    {
        get
        {
            long ticks = SysconfRaw(_SC_CLK_TCK);
            return ticks > 0 ? ticks : 100;
        }
    }
}
