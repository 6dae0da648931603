using System.Text;
using Pidman.Config;
using Pidman.Services;

namespace Pidman.Export;

/// <summary>
/// A self-contained <c>supervisord.conf</c>: one <c>[program:x]</c> per service, its socket under local/,
/// its own PID file in the project's PID directory (so pidman shows supervisord too).
/// </summary>
internal static class SupervisordExporter
{
    /// <summary>The configuration text.</summary>
    public static string Export(ProjectConfig config)
    {
        string socket = Path.Combine(config.Root, "local", "supervisor.sock");
        var text = new StringBuilder();
        text.Append($"""
            ; supervisord.conf for {config.SourcePath}, exported by pidman.
            ; Run: supervisord -c THIS_FILE; supervisorctl -c THIS_FILE status; supervisorctl -c THIS_FILE shutdown

            [unix_http_server]
            file={Escape(socket)}
            chmod=0700

            [supervisord]
            logfile={Escape(Path.Combine(config.LogDirectory, "supervisord.log"))}
            pidfile={Escape(Path.Combine(config.PidDirectory, "supervisord.pid"))}
            childlogdir={Escape(config.LogDirectory)}

            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

            [supervisorctl]
            serverurl=unix://{Escape(socket)}

            """);
        var depth = Depths(config);
        var programs = new List<string>();
        foreach (var s in config.Services)
        {
            // One program per instance, as foreman exports them: each with its own PORT, PS and PIDMAN_INSTANCE, which
            // supervisord's numprocs could not give (it numbers instances, it cannot add to a port).
            foreach (var type in s.InstanceTypes)
            {
                string stem = PidFiles.PidFileName.Create(s.Name, type).Stem;
                programs.Add(stem);
                text.Append($"\n[program:{stem}]\n");
                var own = ServiceEnvironment.Own(s, type);
                text.Append($"command={Escape(Command(s, own))}\n");
                text.Append($"directory={Escape(s.WorkingDirectory)}\n");
                var env = own.Where(kv => !NeedsShell(kv.Value)).OrderBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => $"{kv.Key}=\"{Escape(kv.Value.Replace("\"", "\\\""))}\"");
                text.Append($"environment={string.Join(',', env)}\n");
                // Dependencies start first: lower priorities start earlier and stop later.
                text.Append($"priority={100 + 10 * depth[s.Name]}\n");
                text.Append("autostart=true\n");
                // A job others wait to see completed may exit at once: that is success, not a failed start.
                bool oneShot = config.IsOneShot(s.Name);
                if (oneShot) text.Append("startsecs=0\n");
                text.Append($"autorestart={(oneShot ? "false" : s.Restart switch { RestartPolicy.Always => "true", RestartPolicy.OnFailure => "unexpected", _ => "false" })}\n");
                text.Append("exitcodes=0\n");
                text.Append($"startretries={s.MaxRestarts}\n");
                text.Append($"stopsignal={s.StopSignal.ToString()[3..]}\n");
                text.Append($"stopwaitsecs={Math.Max(1, (int)Math.Ceiling(s.StopTimeout.TotalSeconds))}\n");
                text.Append("stopasgroup=true\n");
                text.Append("killasgroup=true\n");
                text.Append($"stdout_logfile={Escape(Path.Combine(config.LogDirectory, stem + ".log"))}\n");
                text.Append("redirect_stderr=true\n");
            }
        }
        text.Append($"\n[group:{ExportNames.Project(config.Root)}]\nprograms={string.Join(',', programs)}\n");
        return text.ToString();
    }

    /// <summary>Folders supervisord needs before it starts (it creates none): the log and PID directories.</summary>
    public static IReadOnlyList<string> RequiredDirectories(ProjectConfig config) => [config.LogDirectory, config.PidDirectory];

    /// <summary>Each service's depth in the dependency graph: 0 for services that depend on nothing.</summary>
    private static Dictionary<string, int> Depths(ProjectConfig config)
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Of(string name) => depth.TryGetValue(name, out int d) ? d : depth[name] = config.Find(name)!.DependsOn.Keys.Select(k => Of(k) + 1).DefaultIfEmpty(0).Max();
        foreach (var s in config.Services) Of(s.Name);
        return depth;
    }

    /// <summary>
    /// The program's command line. supervisord reads one line per key and splits it itself, so a script with a newline
    /// (a TOML multi-line command), or an env value supervisord cannot quote, travels base64-encoded to the shell that
    /// runs it; the script still ends by exec'ing the service where it can.
    /// </summary>
    private static string Command(ServiceDefinition s, IReadOnlyDictionary<string, string> environment)
    {
        var exports = environment.Where(kv => NeedsShell(kv.Value)).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}=\"$(printf %s {Base64(kv.Value)} | base64 -d)\"; export {kv.Key}; ");
        string script = string.Concat(exports) + s.ParsedCommand.Script;
        return NeedsShell(script) || script != s.ParsedCommand.Script
            ? $"/bin/sh -c 'eval \"$(printf %s {Base64(script)} | base64 -d)\"'"
            : $"/bin/sh -c '{script.Replace("'", "'\\''")}'";
    }

    /// <summary>What supervisord's one-line, self-quoted values cannot carry.</summary>
    private static bool NeedsShell(string value) => value.Any(c => c is '\n' or '\r' or '"' or '\\' || char.IsControl(c));

    private static string Base64(string value) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>supervisord expands %(name)s in values; a literal % is %%.</summary>
    private static string Escape(string value) => value.Replace("%", "%%");
}
