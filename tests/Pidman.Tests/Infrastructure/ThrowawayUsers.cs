using System.Diagnostics;
using System.Globalization;

namespace Pidman.Tests.Infrastructure;

/// <summary>
/// Two local users and a group created for a test class (as root, with useradd and groupadd) and removed after it, for
/// the attacks of one user on another: <see cref="Victim"/> runs pidman, <see cref="Attacker"/> plants files and processes,
/// and is a member of <see cref="Group"/>, the group a shared project folder belongs to. <see cref="Pidman"/> is a copy of
/// the binary under test that both may run, wherever the clone lives (a 0700 folder hides the original from them).
/// </summary>
public sealed class ThrowawayUsers : IDisposable
{
    private readonly string _binaries;

    public ThrowawayUsers()
    {
        string suffix = Guid.NewGuid().ToString("N")[..6];
        Victim = $"pmv{suffix}";
        Attacker = $"pma{suffix}";
        Group = $"pmg{suffix}";
        Run("groupadd", Group);
        Run("useradd", "-M", "-N", "-s", "/usr/sbin/nologin", Victim);
        Run("useradd", "-M", "-N", "-G", Group, "-s", "/usr/sbin/nologin", Attacker);
        AttackerUid = Uid(Attacker);
        GroupId = uint.Parse(Run("getent", "group", Group).Split(':')[2], CultureInfo.InvariantCulture);

        // /tmp/pidman-tests is 0755, and the copy's folder too: every user may run what is in it, no one else may change it.
        _binaries = Path.Combine(Path.GetTempPath(), "pidman-tests", "bin-" + suffix);
        Directory.CreateDirectory(_binaries);
        File.SetUnixFileMode(_binaries, (UnixFileMode)Convert.ToInt32("755", 8));
        foreach (string name in new[] { "pidman", "pidman-stamp" })
        {
            string from = Path.Combine(Path.GetDirectoryName(PidmanCli.Path)!, name);
            if (File.Exists(from)) BinaryCopy.Make(from, Path.Combine(_binaries, name));
        }
        Pidman = Path.Combine(_binaries, "pidman");
    }

    public string Victim { get; }

    public string Attacker { get; }

    /// <summary>A group the attacker is in (and root is not): the group of a project folder shared with it.</summary>
    public string Group { get; }

    public uint AttackerUid { get; }

    public uint GroupId { get; }

    /// <summary>The pidman binary under test, where every user can run it.</summary>
    public string Pidman { get; }

    /// <summary>The uid of <paramref name="user"/>.</summary>
    public static uint Uid(string user) => uint.Parse(Run("id", "-u", user).Trim(), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var user in new[] { Victim, Attacker }) Run("userdel", [user], check: false);
        Run("groupdel", [Group], check: false);
        try { Directory.Delete(_binaries, recursive: true); }
        catch (IOException) { }
    }

    private static string Run(string program, params string[] args) => Run(program, args, check: true);

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
