using System.Globalization;

namespace Pidman.Tests.Infrastructure;

/// <summary>
/// Base of the tests that run pidman in a project folder: helpers for its files, and a cleanup that stops
/// everything pidman started there and fails the test if any process survived.
/// </summary>
public abstract class ProjectTest : ProcessTest
{
    protected PidmanCli.Result Pidman(params string[] args) => PidmanCli.RunRaw(args, cwd: _dir.Path);

    protected void Write(string file, string text) => File.WriteAllText(Path.Combine(_dir.Path, file), text);

    protected string Read(string file) => File.ReadAllText(Path.Combine(_dir.Path, file));

    protected int PidOf(string service, string type = "process") =>
        int.Parse(File.ReadAllText(Path.Combine(_dir.PidDir, type == "process" ? $"{service}.pid" : $"{type}_{service}.pid")), CultureInfo.InvariantCulture);

    /// <summary>
    /// The PID in <paramref name="service"/>'s file, or null while there is none: for waits on a restart, where the file
    /// is removed and written again under the test's feet (the PID file is written whole, by rename, so it is never torn).
    /// </summary>
    protected int? PidOfNow(string service)
    {
        try { return PidOf(service); }
        catch (FileNotFoundException) { return null; }
    }

    /// <summary><c>pidman up -d</c>, which must succeed.</summary>
    protected void UpDetached()
    {
        var up = Pidman("up", "-d");
        Assert.True(up.ExitCode == 0, up.ToString());
    }

    /// <summary>Waits until <paramref name="service"/>'s PID file exists.</summary>
    protected void WaitForPidFile(string service) =>
        Wait.Until(() => File.Exists(Path.Combine(_dir.PidDir, $"{service}.pid")), $"{service}.pid");

    public override void Dispose()
    {
        if (File.Exists(Path.Combine(_dir.Path, "pidman.toml")) || File.Exists(Path.Combine(_dir.Path, "Procfile")) || Directory.Exists(_dir.PidDir))
        {
            PidmanCli.RunRaw(["down", "-q"], cwd: _dir.Path);
            PidmanCli.RunRaw(["stop", "--all", "--force", "-q"], cwd: _dir.Path);
            PidmanCli.RunRaw(["cleanup", "-q"], cwd: _dir.Path); // also the empty cgroups of starters killed mid-start
        }
        base.Dispose();
    }
}
