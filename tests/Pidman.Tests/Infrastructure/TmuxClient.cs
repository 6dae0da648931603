using System.Diagnostics;

namespace Pidman.Tests.Infrastructure;

/// <summary>Runs tmux against one socket; <see cref="KillServer"/> ends that server and removes its socket file.</summary>
public sealed class TmuxClient(string socket)
{
    public string Socket { get; } = socket;

    public (int ExitCode, string Stdout) Run(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["-L", Socket, "-f", "/dev/null", .. args]) info.ArgumentList.Add(a);
        info.Environment.Remove("TMUX");
        using var p = Process.Start(info)!;
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout);
    }

    /// <summary>Ends the server (only servers the test started) and the socket file tmux leaves behind.</summary>
    public void KillServer()
    {
        Run("kill-server");
        File.Delete(Path.Combine("/tmp", $"tmux-{ProcInfo.CurrentUid()}", Socket));
    }
}
