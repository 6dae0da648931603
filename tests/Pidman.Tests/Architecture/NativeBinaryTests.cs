using System.Diagnostics;
using System.Text.RegularExpressions;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.Architecture;

/// <summary>What the published native binaries (pidman, and the line stamper beside it) ask of the system they run on.</summary>
public sealed partial class NativeBinaryTests
{
    /// <summary>The newest glibc the binary may need: 2.34 (the NativeAOT runtime's own floor; Ubuntu 22.04 has 2.35).</summary>
    private static readonly Version NewestGlibc = new(2, 34);

    [NeedsToolsTheory("objdump")]
    [InlineData("pidman")]
    [InlineData("pidman-stamp")]
    public void The_binary_needs_no_glibc_newer_than_the_runtime_does(string binary)
    {
        // libc is bound at link time (DirectPInvoke): one import of a newer wrapper (pidfd_open is 2.36) would keep the
        // binary from starting at all on an older system, instead of the ENOSYS fallback it has.
        var info = new ProcessStartInfo("objdump", ["-T", Path.Combine(Path.GetDirectoryName(PidmanCli.Path)!, binary)]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var objdump = Process.Start(info)!;
        string symbols = objdump.StandardOutput.ReadToEnd();
        Assert.True(objdump.WaitForExit(30_000) && objdump.ExitCode == 0, "objdump -T failed");
        var tooNew = GlibcVersion().Matches(symbols).Select(m => (Version: Version.Parse(m.Groups[1].Value), Line: m.Value))
            .Where(v => v.Version > NewestGlibc).Select(v => v.Line).Distinct().ToList();
        Assert.True(tooNew.Count == 0, $"needs a glibc newer than {NewestGlibc}: {string.Join(", ", tooNew)}");
        Assert.DoesNotContain("GLIBC_ABI_DT_RELR", symbols);
    }

    [GeneratedRegex(@"GLIBC_(\d+\.\d+)")]
    private static partial Regex GlibcVersion();
}
