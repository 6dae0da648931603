using System.Diagnostics;

namespace Pidman.Tests.Infrastructure;

/// <summary>Copies of executables that a test then runs.</summary>
public static class BinaryCopy
{
    /// <summary>
    /// Copies <paramref name="from"/> to <paramref name="to"/> with <c>cp</c>, in a process of its own: a copy written
    /// by this process holds a write descriptor that a parallel test's fork inherits until its exec, and running the
    /// copy in that moment fails with ETXTBSY ("Text file busy"; seen once in ~20 runs).
    /// </summary>
    public static void Make(string from, string to)
    {
        using var cp = Process.Start(new ProcessStartInfo("cp", ["--", from, to]) { UseShellExecute = false })!;
        cp.WaitForExit();
        if (cp.ExitCode != 0) throw new IOException($"cp {from} {to}: exit code {cp.ExitCode}");
    }
}
