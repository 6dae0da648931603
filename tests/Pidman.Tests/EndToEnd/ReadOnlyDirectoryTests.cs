using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>
/// A PID directory that cannot be written (a read-only mount): every removal pidman tries fails, and each verb says so,
/// with the errno, instead of reporting a removal it did not make.
/// </summary>
public sealed class ReadOnlyDirectoryTests : ProcessTest
{
    private const int EROFS = 30;

    /// <summary>Runs pidman with the PID directory bind-mounted read-only over itself, in a mount namespace of its own.</summary>
    private PidmanCli.Result ReadOnly(params string[] args) => PidmanCli.RunRaw(
        ["--mount", "--propagation", "private", "sh", "-c", "mount --bind -o ro \"$1\" \"$1\" && shift && exec \"$@\"", "sh", _dir.PidDir, PidmanCli.Path, "--dir", _dir.PidDir, .. args],
        exe: "unshare");

    /// <summary>A registered process that has exited: its PID file is stale.</summary>
    private void StaleWeb()
    {
        var sleeper = _procs.StartInOwnSession("sleep", "1000");
        Assert.Equal(0, PidmanCli.Run(_dir.PidDir, "register", "web", "--pid", sleeper.Pid()).ExitCode);
        sleeper.Kill();
        sleeper.WaitForExit();
    }

    [PrivateMountsFact]
    public void Status_and_cleanup_report_a_stale_file_they_could_not_remove_as_kept_with_the_errno()
    {
        StaleWeb();

        var status = ReadOnly("status", "web", "--json");
        var entry = status.Json.GetProperty("entries")[0];
        Assert.Equal("stale", entry.GetProperty("state").GetString());
        Assert.False(entry.GetProperty("removed").GetBoolean(), status.ToString());
        Assert.Equal(EROFS, entry.GetProperty("removal_errno").GetInt32());

        var cleanup = ReadOnly("cleanup", "--json");
        Assert.Equal(1, cleanup.ExitCode);
        Assert.Equal(0, cleanup.Json.GetProperty("removed").GetArrayLength());
        Assert.Equal(EROFS, cleanup.Json.GetProperty("kept")[0].GetProperty("removal_errno").GetInt32());
        var text = ReadOnly("cleanup");
        Assert.Equal(1, text.ExitCode);
        Assert.Contains($"cannot remove {_dir.File("web.pid")} (stale: process gone): Read-only file system", text.Stderr);
        Assert.True(File.Exists(_dir.File("web.pid")), "the file is still there, as reported");

        // Writable again: the same file is removed, and said to be.
        var writable = PidmanCli.Run(_dir.PidDir, "cleanup", "--json");
        Assert.Equal(0, writable.ExitCode);
        Assert.True(writable.Json.GetProperty("removed")[0].GetProperty("removed").GetBoolean());
        Assert.False(File.Exists(_dir.File("web.pid")));
    }

    [PrivateMountsFact]
    public void Stop_says_the_stale_file_was_kept_and_unregister_fails_naming_the_file()
    {
        StaleWeb();

        var stop = ReadOnly("stop", "web", "--json");
        var result = stop.Json.GetProperty("results")[0];
        Assert.Equal("not-running", result.GetProperty("outcome").GetString());
        Assert.Equal("not running (process gone); stale file kept: Read-only file system", result.GetProperty("message").GetString());

        var unregister = ReadOnly("unregister", "web");
        Assert.Equal(1, unregister.ExitCode);
        Assert.Contains($"cannot remove {_dir.File("web.pid")}: Read-only file system", unregister.Stderr);
        Assert.True(File.Exists(_dir.File("web.pid")));
        Assert.True(File.Exists(Path.Combine(_dir.PidDir, ".pidman", "web.json")), "the record stays with the file it vouches for");
    }
}
