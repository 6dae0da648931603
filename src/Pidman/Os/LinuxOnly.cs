using System.Runtime.Versioning;

namespace Pidman.Os;

/// <summary>
/// The platform gate. The library assemblies carry no <see cref="SupportedOSPlatformAttribute"/> (it would make every
/// call of a consumer's net10.0 project a CA1416 warning, and its <c>TreatWarningsAsErrors</c> build fail); instead the
/// two ways every public call finds its directories (<c>ProjectLayout.Discover</c>, <c>new PidDirectory</c>) refuse other
/// systems here, before any libc call, with a sentence rather than a missing library.
/// </summary>
internal static class LinuxOnly
{
    /// <summary>True on Linux; what the platform analyzer takes as the guard of a Linux-only call.</summary>
    [SupportedOSPlatformGuard("linux")]
    internal static bool IsCurrent => OperatingSystem.IsLinux();

    /// <exception cref="PlatformNotSupportedException">Not Linux.</exception>
    internal static void Require()
    {
        if (!IsCurrent)
            throw new PlatformNotSupportedException("Pidman runs on Linux only: it reads /proc and uses pidfds, cgroups v2 and statx");
    }
}
