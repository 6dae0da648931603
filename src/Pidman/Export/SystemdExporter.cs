using System.Text;
using Pidman.Config;
using Pidman.PidFiles;
using Pidman.Services;

namespace Pidman.Export;

/// <summary>
/// systemd units for a project: one <c>&lt;project&gt;-&lt;stem&gt;.service</c> per instance and a
/// <c>&lt;project&gt;.target</c> that wants them all (systemd.service(5), systemd.unit(5), systemd.kill(5)).
/// </summary>
internal static class SystemdExporter
{
    /// <summary>File name → content of every unit.</summary>
    public static IReadOnlyDictionary<string, string> Export(ProjectConfig config)
    {
        string project = ExportNames.Project(config.Root);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var units = new List<string>();
        foreach (var service in config.Services)
        {
            foreach (var type in service.InstanceTypes)
            {
                string unit = UnitName(project, PidFileName.Create(service.Name, type).Stem);
                units.Add(unit);
                files[unit] = Service(config, project, service, type);
            }
        }
        files[$"{project}.target"] = $"""
            [Unit]
            Description={project}: every service of {Escape(config.SourcePath)} (exported by pidman)
            Wants={string.Join(' ', units)}

            [Install]
            WantedBy=multi-user.target

            """;
        return files;
    }

    private static string Service(ProjectConfig config, string project, ServiceDefinition service, string type)
    {
        var deps = service.DependsOn.Keys
            .SelectMany(d => config.Find(d)!.InstanceTypes.Select(t => UnitName(project, PidFileName.Create(d, t).Stem)))
            .ToList();
        var text = new StringBuilder();
        text.Append("[Unit]\n");
        text.Append($"Description={project}: {service.Name}{(type == PidFileName.DefaultType ? "" : $" ({type})")} (exported by pidman)\n");
        text.Append($"PartOf={project}.target\n");
        if (deps.Count > 0)
        {
            text.Append($"After={string.Join(' ', deps)}\n");
            text.Append($"Requires={string.Join(' ', deps)}\n");
        }
        text.Append("\n[Service]\n");
        // A job others wait to see completed is a oneshot: its dependents start once it has exited 0.
        bool oneShot = config.Services.Any(s => s.DependsOn.TryGetValue(service.Name, out var c) && c == DependencyCondition.Completed);
        text.Append(oneShot ? "Type=oneshot\nRemainAfterExit=yes\n" : "Type=simple\n");
        text.Append($"WorkingDirectory={Escape(service.WorkingDirectory)}\n");
        // What the same instance gets under 'pidman start': its env files and env, PORT, PS, PIDMAN_SERVICE, PIDMAN_INSTANCE.
        foreach (var (k, v) in ServiceEnvironment.Own(service, type).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append($"Environment={Quote($"{k}={v}")}\n");
        text.Append($"ExecStart=/bin/sh -c {Quote(service.ParsedCommand.Script)}\n");
        text.Append($"Restart={service.Restart switch { RestartPolicy.Always => "always", RestartPolicy.OnFailure => "on-failure", _ => "no" }}\n");
        if (service.Restart != RestartPolicy.No)
        {
            text.Append("RestartSec=1\n");
            text.Append($"StartLimitBurst={service.MaxRestarts + 1}\n");
        }
        text.Append("KillMode=control-group\n");
        text.Append($"KillSignal={service.StopSignal}\n");
        text.Append($"TimeoutStopSec={Math.Max(1, (int)Math.Ceiling(service.StopTimeout.TotalSeconds))}\n");
        text.Append("\n[Install]\n");
        text.Append($"WantedBy={project}.target\n");
        return text.ToString();
    }

    private static string UnitName(string project, string stem) => $"{project}-{stem}.service";

    /// <summary>Specifiers (%) are doubled so systemd takes them literally.</summary>
    private static string Escape(string value) => value.Replace("%", "%%");

    /// <summary>
    /// A double-quoted systemd word: backslash and quote escaped, % doubled, and $ doubled so that systemd
    /// leaves variable references to the shell.
    /// </summary>
    private static string Quote(string value) =>
        "\"" + Escape(value).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("$", "$$").Replace("\n", "\\n") + "\"";
}
