namespace Pidman.Tests.Infrastructure;

/// <summary>
/// Which external programs a test runs, and what to do when one is missing: skip it, saying which and why, so that
/// <c>./build.sh test</c> passes on a machine with only the .NET SDK; or, with <c>PIDMAN_TEST_STRICT=1</c> (as
/// <c>.ci/run</c> sets), run it anyway, so a missing program fails the run instead of hiding a test.
/// </summary>
public static class ExternalTools
{
    /// <summary>True when missing programs must fail tests rather than skip them.</summary>
    public static bool Strict => Environment.GetEnvironmentVariable("PIDMAN_TEST_STRICT") == "1";

    /// <summary>The skip reason for a test needing <paramref name="tools"/>, or null when it must run.</summary>
    public static string? SkipReason(string[] tools)
    {
        var missing = tools.Where(t => !OnPath(t)).ToList();
        if (missing.Count == 0 || Strict) return null;
        return $"needs {string.Join(", ", missing)}, not on PATH (Debian: apt-get install {string.Join(' ', missing.Select(PackageOf).Distinct())}; PIDMAN_TEST_STRICT=1 turns this skip into a failure)";
    }

    private static bool OnPath(string tool) =>
        tool.StartsWith('/') ? File.Exists(tool)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static string PackageOf(string tool) => tool switch
    {
        "supervisord" or "supervisorctl" => "supervisor",
        "systemd-analyze" => "systemd",
        "nginx" => "nginx-light",
        "/usr/bin/time" => "time",
        "script" => "bsdutils",
        "objdump" => "binutils",
        "foreman" => "ruby-foreman",
        _ => tool,
    };
}

/// <summary>A fact that runs external programs (<see cref="ExternalTools"/>).</summary>
public sealed class NeedsToolsFactAttribute : FactAttribute
{
    public NeedsToolsFactAttribute(params string[] tools) => Skip = ExternalTools.SkipReason(tools);
}

/// <summary>A theory that runs external programs (<see cref="ExternalTools"/>).</summary>
public sealed class NeedsToolsTheoryAttribute : TheoryAttribute
{
    public NeedsToolsTheoryAttribute(params string[] tools) => Skip = ExternalTools.SkipReason(tools);
}
