using System.Diagnostics;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>Exports checked by the real tools: systemd-analyze verify, and supervisord running the demo stack.</summary>
public sealed class ExportTests : ProjectTest
{
    public ExportTests()
    {
        string demo = Path.Combine(Repository.Root, "examples", "demo");
        File.Copy(Path.Combine(demo, "pidman.toml"), Path.Combine(_dir.Path, "pidman.toml"));
        File.Copy(Path.Combine(demo, ".env"), Path.Combine(_dir.Path, ".env"));
    }

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), $"{file} did not finish");
        return (p.ExitCode, stdout + stderr.Result);
    }

    [NeedsToolsFact("systemd-analyze")]
    public void Systemd_units_pass_systemd_analyze_verify_and_carry_the_config()
    {
        var export = Pidman("export", "systemd", "--out", "units");
        Assert.True(export.ExitCode == 0, export.ToString());
        string project = Path.GetFileName(_dir.Path);
        var files = Directory.GetFiles(Path.Combine(_dir.Path, "units")).Order().ToList();
        Assert.Equal(6, files.Count); // db, migrate, web, two workers, and the target

        var (code, output) = Run("systemd-analyze", ["verify", .. files]);
        Assert.True(code == 0 && output.Trim().Length == 0, $"systemd-analyze verify: exit {code}\n{output}");

        string web = Read($"units/{project}-web.service");
        Assert.Contains($"After={project}-db.service {project}-migrate.service", web);
        Assert.Contains($"Requires={project}-db.service {project}-migrate.service", web);
        Assert.Contains("KillMode=control-group", web);
        Assert.Contains("TimeoutStopSec=3", web);
        Assert.Contains("Environment=\"GREETING=hello from .env\"", web);
        Assert.Contains("$$PORT", web); // left for the shell, not expanded by systemd
        Assert.Contains("Type=oneshot", Read($"units/{project}-migrate.service"));
        Assert.Contains($"Wants={project}-db.service", Read($"units/{project}.target"));
    }

    [NeedsToolsFact("supervisord", "supervisorctl")]
    public void Supervisord_runs_the_exported_demo_stack()
    {
        var export = Pidman("export", "supervisord", "--out", "supervisord.conf");
        Assert.True(export.ExitCode == 0, export.ToString());
        string conf = Path.Combine(_dir.Path, "supervisord.conf");
        Assert.Equal(0, Run("supervisord", "-c", conf).ExitCode);
        try
        {
            string[] expected = ["db RUNNING", "migrate EXITED", "web RUNNING", "worker:worker_1 RUNNING", "worker:worker_2 RUNNING"];
            string status = "";
            Wait.Until(() =>
            {
                status = string.Join('\n', Run("supervisorctl", "-c", conf, "status").Output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))));
                return expected.All(status.Contains);
            }, "supervisorctl status to show the stack running", TimeSpan.FromSeconds(30));
            Assert.Contains("web: serving on 127.0.0.1:8080", Read("local/log/web.log"));
            // supervisord wrote its PID into our directory: pidman sees it, unverified.
            Assert.Contains("\"service\": \"supervisord\"", Pidman("status", "supervisord", "--json").Stdout);
        }
        finally
        {
            int supervisord = int.Parse(Read("local/pid/supervisord.pid").Trim());
            Run("supervisorctl", "-c", conf, "shutdown");
            Wait.Until(() => !ProcInfo.IsAlive(supervisord), "supervisord to shut down", TimeSpan.FromSeconds(60));
        }
    }

    [NeedsToolsFact("supervisord", "supervisorctl", "systemd-analyze")]
    public void A_multi_line_command_and_an_env_value_with_a_newline_run_the_same_under_a_real_supervisord()
    {
        Write("pidman.toml", """"
            [services.job]
            command = """
            echo "first line: $NOTE" | tr '\n' ' '
            echo 'second: 100% "quoted" $HOME-free'
            exec sleep 100000
            """
            env = { NOTE = "two\nlines" }
            """");
        var units = Pidman("export", "systemd", "--out", "units");
        Assert.True(units.ExitCode == 0, units.ToString());
        var (verify, verifyOutput) = Run("systemd-analyze", ["verify", .. Directory.GetFiles(Path.Combine(_dir.Path, "units"))]);
        Assert.True(verify == 0 && verifyOutput.Trim().Length == 0, $"systemd-analyze verify: exit {verify}\n{verifyOutput}");

        var export = Pidman("export", "supervisord", "--out", "supervisord.conf");
        Assert.True(export.ExitCode == 0, export.ToString());
        string conf = Path.Combine(_dir.Path, "supervisord.conf");
        Assert.Equal(0, Run("supervisord", "-c", conf).ExitCode);
        try
        {
            Wait.Until(() => Run("supervisorctl", "-c", conf, "status").Output.Contains("RUNNING"), "job RUNNING under supervisord", TimeSpan.FromSeconds(30));
            string log = Path.Combine(_dir.Path, "local", "log", "job.log");
            Wait.Until(() => File.Exists(log) && File.ReadAllText(log).Contains("second"), "the job's output");
            Assert.Contains("first line: two lines", File.ReadAllText(log));
            Assert.Contains("second: 100% \"quoted\" $HOME-free", File.ReadAllText(log));
            // exec'd as the script's last step: supervisord's child is the sleep itself.
            string pidLine = Run("supervisorctl", "-c", conf, "pid", "job").Output.Trim();
            Assert.Equal("sleep\0100000\0", ProcInfo.CommandLine(int.Parse(pidLine)));
        }
        finally
        {
            int supervisord = int.Parse(Read("local/pid/supervisord.pid").Trim());
            Run("supervisorctl", "-c", conf, "shutdown");
            Wait.Until(() => !ProcInfo.IsAlive(supervisord), "supervisord to shut down", TimeSpan.FromSeconds(60));
        }
    }
}
