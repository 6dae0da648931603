using System.Diagnostics;

namespace Pidman.Tests.Infrastructure;

/// <summary>
/// A test that makes a directory read-only by a bind mount inside a mount namespace of its own (<c>unshare --mount</c>):
/// nothing outside the namespace sees it, and as root no permission bit can stand in for it. Skipped, with the reason,
/// where this process may not create mount namespaces.
/// </summary>
public sealed class PrivateMountsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> s_skip = new(Probe);

    public PrivateMountsFactAttribute()
    {
        Skip = s_skip.Value;
    }

    private static string? Probe()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--propagation", "private", "true"]) { RedirectStandardError = true, UseShellExecute = false })!;
            string error = p.StandardError.ReadToEnd();
            if (!p.WaitForExit(10_000)) p.Kill();
            return p.ExitCode == 0 ? null : $"cannot create a mount namespace here (unshare --mount: {error.Trim()}); a read-only bind mount needs one";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"unshare (util-linux) is not installed: {e.Message}";
        }
    }
}
