using Pidman.Config;
using Pidman.Projects;
using System.CommandLine;
using Pidman.Supervision;

namespace Pidman.Cli;

/// <summary>Options every command takes (DESIGN "CLI": global).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Dir = new("--dir") { Description = "PID directory (default: <root>/local/pid; env PIDMAN_DIR)", Recursive = true };
    public static readonly Option<string?> Root = new("--root") { Description = "Project root (default: nearest folder upward with pidman.toml or Procfile; env PIDMAN_ROOT)", Recursive = true };
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

    /// <summary>The project this invocation works on, found by <c>--root</c> and <c>--dir</c> as the library finds it.</summary>
    public static Project OpenProject(ParseResult result) =>
        Project.Open(new ProjectOptions { Root = result.GetValue(Root), PidDirectory = result.GetValue(Dir), Warn = message => Output.Error($"warning: {message}") });

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
