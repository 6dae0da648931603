using System.Globalization;

namespace Pidman.Tests.Infrastructure;

/// <summary>
/// Base of the tests in which another local user (<see cref="ThrowawayUsers.Attacker"/>, in the group a shared project
/// folder belongs to) plants files, links and processes, and root then runs ordinary pidman commands: each test is an
/// attack that must do no damage. Processes the attacker started are ended afterwards, as the test's own are.
/// </summary>
public abstract class AttackTest(ThrowawayUsers users) : ProjectTest
{
    protected ThrowawayUsers Users => users;

    private readonly List<int> _attackerProcesses = [];
    private readonly List<string> _outside = [];

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c> as <paramref name="user"/>; its output, after it must have succeeded.</summary>
    protected string As(string user, string script, bool check = true)
    {
        var p = _procs.Start("runuser", "-u", user, "--", "sh", "-c", script);
        var stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (check) Assert.True(p.ExitCode == 0, $"as {user}: {script}\n{stdout.Result}{stderr}");
        return stdout.Result + stderr;
    }

    /// <summary>Runs <paramref name="script"/> as the attacker.</summary>
    protected string AsAttacker(string script) => As(users.Attacker, script);

    /// <summary>Runs <paramref name="script"/> with <c>sh -c</c> as root (this process), which must succeed.</summary>
    protected void Root(string script)
    {
        var p = _procs.Start("sh", "-c", script);
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{script}\n{output}");
    }

    /// <summary>Makes <paramref name="folder"/> (created if missing) root's, shared with the attacker's group: <c>root:GROUP 2775</c>.</summary>
    protected string Share(string folder)
    {
        Directory.CreateDirectory(folder);
        Root($"chgrp {users.Group} '{folder}' && chmod 2775 '{folder}'");
        return folder;
    }

    /// <summary>A folder outside the project only root may enter (0700), removed after the test.</summary>
    protected string RootOnlyFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "pidman-tests", "rootonly-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _outside.Add(folder);
        return folder;
    }

    /// <summary>A folder every user may write (sticky, like /tmp) for markers an attacker's command would leave.</summary>
    protected string Markers()
    {
        string markers = Path.Combine(Path.GetTempPath(), "pidman-tests", "markers-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(markers);
        File.SetUnixFileMode(markers, (UnixFileMode)Convert.ToInt32("1777", 8));
        _outside.Add(markers);
        return markers;
    }

    /// <summary>Starts <paramref name="command"/> as <paramref name="user"/> in a session of its own; returns its PID once it runs.</summary>
    protected int StartAs(string user, params string[] command)
    {
        string pidFile = Path.Combine(Markers(), $"{user}.started");
        var runner = _procs.Start("runuser", ["-u", user, "--", "setsid", "sh", "-c", "echo $$ > \"$0\"; exec \"$@\"", pidFile, .. command]);
        Wait.Until(() => File.Exists(pidFile) && File.ReadAllText(pidFile).EndsWith('\n'), $"{user}'s process");
        int pid = int.Parse(File.ReadAllText(pidFile), CultureInfo.InvariantCulture);
        _attackerProcesses.Add(pid);
        _ = runner;
        return pid;
    }

    /// <summary>pidman as root in the project, failing the test when it takes more than <paramref name="seconds"/>.</summary>
    protected PidmanCli.Result PidmanWithin(double seconds, params string[] args) =>
        PidmanCli.RunRaw(args, cwd: _dir.Path, timeout: TimeSpan.FromSeconds(seconds));

    public override void Dispose()
    {
        foreach (int pid in _attackerProcesses) _procs.Start("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        // SIGKILL is delivered asynchronously: until each is dead, it would be counted below as a leak.
        foreach (int pid in _attackerProcesses) Wait.Until(() => !ProcInfo.IsAlive(pid), $"the throwaway user's PID {pid} to die of SIGKILL");
        // Whatever the throwaway users still run was started by this test (runuser forks: killing it leaves its child), so
        // it is this test's leak: ended, and a failure, as any leak is.
        _procs.Dispose();
        var left = ProcInfo.ProcessesOf(ThrowawayUsers.Uid(users.Attacker), ThrowawayUsers.Uid(users.Victim));
        foreach (int pid in left) _procs.Start("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        base.Dispose();
        Assert.True(left.Count == 0, $"processes of the throwaway users left running: {string.Join(", ", left.Select(p => $"{p} ({ProcInfo.CommandLine(p)?.Replace('\0', ' ').Trim()})"))}");
        foreach (string folder in _outside)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        }
    }
}
