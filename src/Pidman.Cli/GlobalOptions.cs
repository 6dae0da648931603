using Pidman.Config;
using Pidman.Logs;
using Pidman.PidFiles;
using Pidman.Projects;
using Pidman.Supervision;
using System.CommandLine;

namespace Pidman.Cli;

/// <summary>Options every command takes (DESIGN "CLI": global).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Dir = OptionValues.Path("--dir", [], "PID directory (default: <root>/local/pid; env PIDMAN_DIR)", recursive: true);
    public static readonly Option<string?> Root = OptionValues.Path("--root", [], "Project root (default: nearest folder upward with pidman.toml or Procfile; env PIDMAN_ROOT)", recursive: true);
    public static readonly Option<bool> Json = new("--json") { Description = "Print one JSON document (fields in README)", Recursive = true };
    public static readonly Option<bool> NoColor = new("--no-color") { Description = "No colour (also when NO_COLOR is set or output is not a terminal)", Recursive = true };
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Print only errors", Recursive = true };

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(Dir);
        root.Options.Add(Root);
        root.Options.Add(Json);
        root.Options.Add(NoColor);
        root.Options.Add(Quiet);
    }

    private const string FileName = "--file", EnvFileName = "--env-file", PortName = "--port", FormationName = "--formation";

    /// <summary>Verbs whose output is a stream, a script or a terminal: --json is refused there rather than ignored.</summary>
    private static readonly string[] WithoutJson = ["logs", "attach", "completion", "export", "init"];

    /// <summary>Makes the parser refuse <c>--json</c> on the verbs that have no JSON document (exit 2, with the reason).</summary>
    public static void RefuseJsonWhereThereIsNone(RootCommand root)
    {
        foreach (var verb in root.Subcommands.Where(c => WithoutJson.Contains(c.Name)))
            verb.Validators.Add(r => { if (r.GetValue(Json)) r.AddError($"{verb.Name} prints no JSON document: drop --json (the JSON documents are listed in the README)"); });
    }

    /// <summary>
    /// Gives every command <c>--file</c>, <c>--env-file</c> and <c>--port</c>, before or after the verb, with foreman's short
    /// forms <c>-f</c>, <c>-e</c>, <c>-p</c> wherever the command has no short option of its own by that letter (<c>stop -f</c>
    /// is <c>--force</c>, <c>logs -f</c> <c>--follow</c>, <c>register -p</c> <c>--pid</c>: there, or before the verb, the
    /// long form or the short one before the verb).
    /// </summary>
    public static void AddProjectFileOptions(Command command)
    {
        string[] Short(string letter) => command.Options.Any(o => o.Aliases.Contains(letter)) ? [] : [letter];
        command.Options.Add(OptionValues.Path(FileName, Short("-f"), "Config file: a pidman.toml (*.toml) or a Procfile by any name (env PIDMAN_FILE)"));
        command.Options.Add(OptionValues.Paths(EnvFileName, Short("-e"), "Env files, repeatable or comma-separated (-e a.env,b.env), later ones winning; instead of a Procfile's .env (env PIDMAN_ENV_FILE, comma-separated)"));
        command.Options.Add(OptionValues.Port(PortName, Short("-p"), "foreman's PORT base: Procfile services (and port = true ones) get it +100 per service, +1 per instance; over a PORT of the env files or the environment (default 5000 or [settings] port)"));
        command.Options.Add(OptionValues.Typed<Formation?>(FormationName, [.. Short("-m"), .. Short("-c")], "foreman's formation: how many instances of which services, e.g. web=2,worker=3 or all=1,worker=0 (over scale; 0 leaves one out)", text =>
        {
            try { return (Formation.Parse(text), null); }
            catch (Exceptions.PidmanInputException e) { return (null, e.Message); }
        }));
        foreach (var sub in command.Subcommands) AddProjectFileOptions(sub);
    }

    /// <summary>The project this invocation works on, found by <c>--root</c>, <c>--dir</c> and <c>--file</c> as the library finds it.</summary>
    public static Project OpenProject(ParseResult result)
    {
        var (file, envFiles, port, formation) = Selection(result);
        return Project.Open(new ProjectOptions
        {
            Root = result.GetValue(Root),
            PidDirectory = result.GetValue(Dir),
            ConfigFile = file,
            EnvFiles = envFiles,
            Port = port,
            Formation = formation,
            LineStamper = Environment.ProcessPath,
            Warn = message => Output.Error($"warning: {message}"),
        });
    }

    /// <summary>The <c>--file</c>, <c>--env-file</c> and <c>--port</c> this invocation was given, paths made absolute: for the detached supervisor.</summary>
    public static IEnumerable<string> SelectionArguments(ParseResult result)
    {
        var (file, envFiles, port, formation) = Selection(result);
        if (file is not null) yield return $"{FileName}={Path.GetFullPath(file)}";
        foreach (string envFile in envFiles) yield return $"{EnvFileName}={Path.GetFullPath(envFile)}";
        if (port is not null) yield return $"{PortName}={port}";
        // The supervisor keeps the formation it was started with.
        if (formation is not null) yield return $"{FormationName}={formation}";
    }

    /// <summary>The config file (the verb's, else the root's), every env file, the port base and the formation this invocation was given.</summary>
    private static (string? File, List<string> EnvFiles, int? Port, Formation? Formation) Selection(ParseResult result) => (
        Values<string?>(result, FileName).FirstOrDefault(v => v is not null),
        Values<string[]?>(result, EnvFileName).SelectMany(v => v ?? []).ToList(),
        Values<int?>(result, PortName).FirstOrDefault(v => v is not null),
        Values<Formation?>(result, FormationName).FirstOrDefault(v => v is not null));

    /// <summary>The values of the option named <paramref name="name"/> on the root and on the verb (it may be given on either).</summary>
    private static IEnumerable<T> Values<T>(ParseResult result, string name)
    {
        for (var command = result.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
            if (command.Command.Options.FirstOrDefault(o => o.Name == name) is Option<T> option && command.GetResult(option) is not null)
                yield return command.GetValue(option)!;
    }

    /// <summary>Like <see cref="OpenProject"/>, warning on stderr when the config has errors (the command goes on with the PID files alone).</summary>
    public static Project OpenProjectLeniently(ParseResult result)
    {
        var project = OpenProject(result);
        if (project.ConfigErrors.Count > 0)
            Output.Error($"warning: the config has errors; showing PID files only:{Environment.NewLine}{string.Join(Environment.NewLine, project.ConfigErrors)}");
        return project;
    }

    public static Output CreateOutput(ParseResult result) =>
        new(result.GetValue(Json), result.GetValue(Quiet), Rendering.Style.ShouldColor(result.GetValue(NoColor)));
}
