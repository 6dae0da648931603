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

    public override void Dispose()
    {
        if (File.Exists(Path.Combine(_dir.Path, "pidman.toml")) || File.Exists(Path.Combine(_dir.Path, "Procfile")) || Directory.Exists(_dir.PidDir))
        {
            PidmanCli.RunRaw(["down", "-q"], cwd: _dir.Path);
            PidmanCli.RunRaw(["stop", "--all", "--force", "-q"], cwd: _dir.Path);
        }
        var leaked = ProcessesUnder(_dir.Path);
        foreach (var pid in leaked) _procs.Start("kill", "-KILL", pid.ToString(CultureInfo.InvariantCulture)).WaitForExit();
        base.Dispose();
        Assert.True(leaked.Count == 0, $"processes left running: {string.Join(", ", leaked)}");
    }

    /// <summary>Live processes whose working directory is inside <paramref name="root"/>.</summary>
    protected static List<int> ProcessesUnder(string root)
    {
        var result = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || !ProcInfo.IsAlive(pid)) continue;
            try
            {
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget;
                if (cwd is not null && (cwd == root || cwd.StartsWith(root + "/", StringComparison.Ordinal))) result.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return result;
    }
}
