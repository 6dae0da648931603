using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>Every hostile PID file is reported with its path and reason, never signalled, and never hangs or crashes pidman.</summary>
public sealed class BadPidFileTests : ProcessTest
{
    private readonly Process _sentinel;

    public BadPidFileTests()
    {
        Directory.CreateDirectory(_dir.PidDir);
        // In the test's own process group, like pidman itself: kill(0, ...) or a group signal would hit it.
        _sentinel = _procs.Start("sleep", "1000");
        Wait.Until(() => ProcInfo.IsAlive(_sentinel.Id), "the sentinel to start");
    }

    public static TheoryData<string, byte[], string> BadContents() => new()
    {
        { "empty", [], "empty" },
        { "whitespace", " \n\t\n"u8.ToArray(), "empty" },
        { "abc", "abc\n"u8.ToArray(), "not-a-number" },
        { "digits-then-letters", "12abc\n"u8.ToArray(), "not-a-number" },
        { "hex", "0x10\n"u8.ToArray(), "not-a-number" },
        { "plus", "+5\n"u8.ToArray(), "not-a-number" },
        { "arabic-digits", Encoding.UTF8.GetBytes("١٢٣\n"), "not-a-number" },
        { "embedded-nul", "12\03\n"u8.ToArray(), "not-a-number" },
        { "zero", "0\n"u8.ToArray(), "pid-too-small" },
        { "one", "1\n"u8.ToArray(), "pid-too-small" },
        { "minus-one", "-1\n"u8.ToArray(), "not-a-number" },
        { "negative-group", "-1234\n"u8.ToArray(), "not-a-number" },
        { "huge", "99999999999\n"u8.ToArray(), "pid-out-of-range" },
        { "megabyte", Encoding.ASCII.GetBytes(new string('7', 1 << 20)), "too-large" },
        { "binary", [0xff, 0xfe, 0x00, 0x01, 0x80, 0x7f, 0x0a], "not-a-number" },
    };

    [Theory]
    [MemberData(nameof(BadContents))]
    public void Bad_content_is_invalid_and_never_signalled(string name, byte[] content, string reason)
    {
        File.WriteAllBytes(_dir.File($"{name}.pid"), content);
        AssertInvalidAndHarmless(name, reason);
    }

    [Fact]
    public void A_symlink_to_a_real_pid_file_is_invalid()
    {
        // The real file outside the PID directory, so that only the link names the sentinel there.
        string real = Path.Combine(_dir.Path, "real.pid");
        File.WriteAllText(real, $"{_sentinel.Id}\n");
        File.CreateSymbolicLink(_dir.File("link.pid"), real);
        AssertInvalidAndHarmless("link", "symlink");
    }

    [Fact]
    public void A_symlink_to_dev_zero_is_invalid_and_does_not_hang()
    {
        File.CreateSymbolicLink(_dir.File("zero.pid"), "/dev/zero");
        AssertInvalidAndHarmless("zero", "symlink");
    }

    [Fact]
    public void A_directory_named_like_a_pid_file_is_invalid_and_kept_by_cleanup()
    {
        Directory.CreateDirectory(_dir.File("x.pid"));
        AssertInvalidAndHarmless("x", "not-regular-file");
        var cleanup = PidmanCli.Run(_dir.PidDir, "cleanup", "--invalid");
        Assert.Equal(0, cleanup.ExitCode);
        Assert.True(Directory.Exists(_dir.File("x.pid")), "a directory must never be deleted by cleanup");
    }

    [Fact]
    public void A_fifo_named_like_a_pid_file_is_invalid_and_does_not_hang()
    {
        Assert.Equal(0, Process.Start("mkfifo", [_dir.File("x.pid")])!.WaitForExitAndCode());
        AssertInvalidAndHarmless("x", "not-regular-file");
    }

    [Fact]
    public void A_world_writable_file_is_never_trusted_for_a_signal()
    {
        string path = _dir.File("ww.pid");
        File.WriteAllText(path, $"{_sentinel.Id}\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_110_110);
        AssertInvalidAndHarmless("ww", "world-writable");
    }

    [Fact]
    public void A_file_owned_by_another_user_is_never_trusted_by_root()
    {
        Assert.True(Environment.UserName == "root", "this check needs root, as CI runs");
        string path = _dir.File("foreign.pid");
        File.WriteAllText(path, $"{_sentinel.Id}\n");
        Assert.Equal(0, Process.Start("chown", ["65534", path])!.WaitForExitAndCode());
        AssertInvalidAndHarmless("foreign", "foreign-owner");
    }

    private void AssertInvalidAndHarmless(string service, string reason)
    {
        var status = PidmanCli.Run(_dir.PidDir, "status", "--json", service);
        Assert.True(status.ExitCode == 4, status.ToString());
        var entry = status.Json.GetProperty("entries")[0];
        Assert.Equal("invalid", entry.GetProperty("state").GetString());
        Assert.Equal(reason, entry.GetProperty("reason").GetString());
        Assert.Equal(Path.Combine(_dir.PidDir, service + ".pid"), entry.GetProperty("path").GetString());

        var table = PidmanCli.Run(_dir.PidDir, "status");
        Assert.Equal(4, table.ExitCode);
        Assert.Contains(service, table.Stdout);

        var stop = PidmanCli.Run(_dir.PidDir, "stop", service, "--timeout", "1");
        Assert.True(stop.ExitCode == 1, stop.ToString());
        Assert.Contains("not signalled", stop.Stderr);
        Assert.DoesNotContain("internal error", stop.Stderr + status.Stderr + table.Stderr);

        var stopAll = PidmanCli.Run(_dir.PidDir, "stop", "--all", "--force");
        Assert.Equal(1, stopAll.ExitCode);

        Assert.True(ProcInfo.IsAlive(_sentinel.Id), "the sentinel in pidman's own process group must survive");
        Assert.True(ProcInfo.IsAlive(Environment.ProcessId));
        Assert.True(Path.Exists(_dir.File(service + ".pid")), "invalid files are never removed automatically");
    }
}

internal static class ProcessExtensions
{
    public static int WaitForExitAndCode(this Process p)
    {
        p.WaitForExit();
        return p.ExitCode;
    }

    public static string Pid(this Process p) => p.Id.ToString(CultureInfo.InvariantCulture);
}
