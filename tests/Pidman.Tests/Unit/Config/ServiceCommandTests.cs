using Pidman.Config;
using Pidman.Services;

namespace Pidman.Tests.Unit.Config;

/// <summary>Which commands pidman can hand over to (exec), so their PID file names the service and not a shell.</summary>
public sealed class ServiceCommandTests
{
    [Theory]
    [InlineData("sleep 100000", "exec sleep 100000")]
    [InlineData("python3 -m http.server 8000 --bind 127.0.0.1", "exec python3 -m http.server 8000 --bind 127.0.0.1")]
    [InlineData("sh -c 'exec sleep 100000'", "exec sh -c 'exec sleep 100000'")]
    [InlineData("nginx -g \"daemon off;\"", "exec nginx -g 'daemon off;'")]
    [InlineData("  spaced\tout  ", "exec spaced out")]
    [InlineData("echo a\\ b", "exec echo 'a b'")]
    public void A_command_without_shell_syntax_runs_directly(string command, string script)
    {
        var parsed = ServiceCommand.Parse(command);
        Assert.Equal(CommandForm.Direct, parsed.Form);
        Assert.Equal(script, parsed.Script);
    }

    [Fact]
    public void Direct_commands_are_split_by_shell_quoting()
    {
        Assert.Equal(["nginx", "-g", "daemon off;"], ServiceCommand.Parse("nginx -g 'daemon off;'").Arguments);
        Assert.Equal(["sleep", "5"], ServiceCommand.Parse("exec sleep 5").Arguments);
    }

    [Theory]
    [InlineData("FOO=1 sleep 100000", "FOO=1 exec sleep 100000")]
    [InlineData("sleep 100000 >> out.txt 2>&1", "exec sleep 100000 >> out.txt 2>&1")]
    [InlineData("python3 -m http.server $PORT", "exec python3 -m http.server $PORT")]
    [InlineData("A=1 B=\"two words\" run --x=\"$A\"", "A=1 B=\"two words\" exec run --x=\"$A\"")]
    [InlineData("ls *.txt", "exec ls *.txt")]
    [InlineData("echo $(date)", "exec echo $(date)")]
    [InlineData("exec sleep 5 > log", "exec sleep 5 > log")]
    public void A_simple_command_with_shell_syntax_is_exec_d_by_the_shell(string command, string script)
    {
        var parsed = ServiceCommand.Parse(command);
        Assert.Equal(CommandForm.ExecInShell, parsed.Form);
        Assert.Equal(script, parsed.Script);
    }

    [Theory]
    [InlineData("sleep 4001 & sleep 4002 & wait")]
    [InlineData("cd web && npm start")]
    [InlineData("a || b")]
    [InlineData("a | b")]
    [InlineData("a; b")]
    [InlineData("while true; do sleep 1; done")]
    [InlineData("(cd x; run)")]
    [InlineData("{ run; }")]
    [InlineData("if true; then run; fi")]
    [InlineData("echo 'unterminated")]
    [InlineData("FOO=1")]
    [InlineData("run \\\nmore")]
    [InlineData("exit 4")]
    [InlineData("cd web")]
    [InlineData(": nothing")]
    public void A_compound_command_keeps_its_shell(string command)
    {
        var parsed = ServiceCommand.Parse(command);
        Assert.Equal(CommandForm.Shell, parsed.Form);
        Assert.Equal(command, parsed.Script);
    }
}
