using Pidman.Config;
using Pidman.Os.Fs;
using Pidman.Services;

namespace Pidman.Projects;

/// <summary><c>pidman init</c>: a commented <c>pidman.toml</c> at a project root, from its Procfile when there is one.</summary>
internal static class ProjectInit
{
    /// <summary>
    /// Writes <c>pidman.toml</c> in <paramref name="root"/> (checked by the directory rule), from the Procfile there (read by
    /// the trust rule for files) or with an example service. The file is written beside its name and renamed into place:
    /// with <paramref name="force"/> it replaces what is there - a link itself, never what it points at -, without it an
    /// existing name is refused.
    /// </summary>
    /// <exception cref="Exceptions.PidmanException">pidman.toml exists (without <paramref name="force"/>), the root or the Procfile breaks the trust rule, or the write fails.</exception>
    /// <exception cref="ConfigException">The Procfile has errors.</exception>
    public static InitReport Write(string root, bool force)
    {
        root = Path.GetFullPath(root);
        using var folder = HeldDirectory.Open(root, root, create: false)
            ?? throw new Exceptions.PidmanException($"{root}: no such folder");
        string procfile = Path.Combine(root, ProjectLayout.ProcfileName);
        bool fromProcfile = folder.TryStatus(ProjectLayout.ProcfileName, out _);
        var read = fromProcfile ? ProcfileReader.Read(procfile, root) : null;
        var services = read?.Services;
        string? envFile = fromProcfile && folder.TryStatus(".env", out _) ? ".env" : null;
        TrustedFile.Write(folder, ProjectLayout.ConfigFileName, System.Text.Encoding.UTF8.GetBytes(ConfigTemplate.Render(services, envFile)), replace: force);
        return new InitReport(Path.Combine(root, ProjectLayout.ConfigFileName), fromProcfile ? procfile : null, services?.Count ?? 0) { Warnings = read?.Warnings ?? [] };
    }
}

/// <summary>What <see cref="ProjectInit.Write"/> wrote.</summary>
/// <param name="Path">The <c>pidman.toml</c> written.</param>
/// <param name="Procfile">The Procfile its services came from, or null (an example service).</param>
/// <param name="Services">How many services it holds from the Procfile.</param>
internal sealed record InitReport(string Path, string? Procfile, int Services)
{
    /// <summary>The Procfile's lines that were skipped (foreman skips them too), each with its line.</summary>
    public IReadOnlyList<ConfigError> Warnings { get; init; } = [];
}
