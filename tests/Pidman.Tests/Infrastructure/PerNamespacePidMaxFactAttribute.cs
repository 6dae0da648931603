namespace Pidman.Tests.Infrastructure;

/// <summary>
/// A test that writes <c>pid_max</c> inside a PID namespace of its own. Before Linux 6.14 that sysctl is global, so the
/// write would lower the whole machine's pid_max: on such a kernel the test is skipped, with the reason.
/// </summary>
public sealed class PerNamespacePidMaxFactAttribute : FactAttribute
{
    /// <summary>The first kernel whose pid_max belongs to each PID namespace.</summary>
    public static readonly Version FirstKernel = new(6, 14);

    public PerNamespacePidMaxFactAttribute()
    {
        var kernel = Environment.OSVersion.Version;
        if (kernel < FirstKernel)
            Skip = $"kernel {kernel.Major}.{kernel.Minor} has one machine-wide pid_max (per PID namespace from {FirstKernel}); this test would change it for the whole machine";
    }
}
