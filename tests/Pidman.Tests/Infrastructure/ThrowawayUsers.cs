using System.Diagnostics;
using System.Globalization;

namespace Pidman.Tests.Infrastructure;

/// <summary>
/// Two local users created for a test class (as root, with useradd) and removed after it, for the attacks of one
/// user on another: <see cref="Victim"/> runs pidman, <see cref="Attacker"/> plants files and processes.
/// </summary>
public sealed class ThrowawayUsers : IDisposable
{
    public ThrowawayUsers()
    {
        string suffix = Guid.NewGuid().ToString("N")[..6];
        Victim = $"pmv{suffix}";
        Attacker = $"pma{suffix}";
        foreach (var user in new[] { Victim, Attacker }) Run("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", user);
    }

    public string Victim { get; }

    public string Attacker { get; }

    /// <summary>The uid of <paramref name="user"/>.</summary>
    public static uint Uid(string user) => uint.Parse(Run("id", "-u", user).Trim(), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var user in new[] { Victim, Attacker }) Run("userdel", user, check: false);
    }

    private static string Run(string program, params string[] args) => Run(program, args, check: true);

    private static string Run(string program, string user, bool check) => Run(program, [user], check);

    private static string Run(string program, string[] args, bool check)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (check && p.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {output} (the user attack tests need root)");
        return output;
    }
}
