using System.Diagnostics;
using System.Text.RegularExpressions;
using Pidman.Tests.Infrastructure;

namespace Pidman.Tests.EndToEnd;

/// <summary>The examples in docs/ really work, and the completion scripts load and complete service names.</summary>
public sealed partial class DocsAndCompletionTests : ProjectTest
{
    /// <summary>The code block after <c>&lt;!-- example: NAME --&gt;</c> in docs/pid-file-format.md.</summary>
    private static string Example(string name)
    {
        string doc = File.ReadAllText(Path.Combine(Repository.Root, "docs", "pid-file-format.md"));
        var match = Regex.Match(doc, $@"<!-- example: {name} -->\s*```\w+\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, $"example '{name}' not found in docs/pid-file-format.md");
        return match.Groups[1].Value;
    }

    [NeedsToolsTheory("python3")]
    [InlineData("shell", "myworker", "sh")]
    [InlineData("python", "pyworker", "python3")]
    public void A_service_that_registers_itself_as_the_format_doc_shows_is_seen_and_stopped_by_pidman(string example, string service, string interpreter)
    {
        Write("service-example", Example(example));
        var process = _procs.StartInOwnSessionWithEnv(new Dictionary<string, string> { ["PIDMAN_DIR"] = _dir.PidDir }, interpreter, Path.Combine(_dir.Path, "service-example"));
        Wait.Until(() => File.Exists(_dir.File($"{service}.pid")), $"{service} to write its PID file");

        var status = PidmanCli.Run(_dir.PidDir, "status", service, "--json");
        Assert.Equal(0, status.ExitCode);
        var entry = status.Json.GetProperty("entries")[0];
        Assert.Equal(process.Id, entry.GetProperty("pid").GetInt32());
        Assert.Equal("unverified", entry.GetProperty("reason").GetString());

        var stop = PidmanCli.Run(_dir.PidDir, "stop", service);
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.True(process.WaitForExit(15_000));
        Assert.Equal(0, process.ExitCode); // its own handler ran: a graceful stop
        Assert.False(File.Exists(_dir.File($"{service}.pid")));
    }

    private (int ExitCode, string Output) Shell(string shell, string script)
    {
        var info = new ProcessStartInfo(shell) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        info.Environment["PATH"] = Path.GetDirectoryName(PidmanCli.Path) + ":" + Environment.GetEnvironmentVariable("PATH");
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(30_000));
        return (p.ExitCode, stdout + stderr.Result);
    }

    [NeedsToolsFact("bash")]
    public void The_bash_completion_loads_and_completes_verbs_options_and_service_names()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"exec sleep 1000\"\n[services.db]\ncommand = \"exec sleep 1000\"\n");
        var (code, output) = Shell("bash", """
            source <(pidman completion bash) || exit 9
            complete -p pidman
            COMP_WORDS=(pidman stop ''); COMP_CWORD=2; _pidman; echo "services: ${COMPREPLY[*]}"
            COMP_WORDS=(pidman re); COMP_CWORD=1; _pidman; echo "verbs: ${COMPREPLY[*]}"
            COMP_WORDS=(pidman stop --fo); COMP_CWORD=2; _pidman; echo "options: ${COMPREPLY[*]}"
            """);
        Assert.True(code == 0, output);
        Assert.Contains("complete -F _pidman pidman", output);
        Assert.Contains("services: web db", output);
        Assert.Contains("verbs: restart reload register", output);
        Assert.Contains("options: --force", output);
    }

    [NeedsToolsFact("fish")]
    public void The_fish_completion_loads_and_completes_verbs_options_and_service_names()
    {
        Write("pidman.toml", "[services.web]\ncommand = \"exec sleep 1000\"\n[services.db]\ncommand = \"exec sleep 1000\"\n");
        var (code, output) = Shell("fish", """
            pidman completion fish | source; or exit 9
            for c in (complete -C 'pidman sta'); echo "verb $c"; end
            for c in (complete -C 'pidman stop '); echo "service $c"; end
            for c in (complete -C 'pidman stop --fo'); echo "option $c"; end
            """);
        Assert.True(code == 0, output);
        foreach (string expected in new[] { "verb start", "verb status", "service web", "service db", "option --force" })
            Assert.Contains(expected, output);
        Assert.DoesNotContain("verb stop", output);
    }

    [NeedsToolsFact("zsh")]
    public void The_zsh_completion_loads()
    {
        var (code, output) = Shell("zsh", "autoload -U compinit && compinit -u && source <(pidman completion zsh) && whence -w _pidman");
        Assert.True(code == 0, output);
        Assert.Contains("_pidman: function", output);
    }
}
