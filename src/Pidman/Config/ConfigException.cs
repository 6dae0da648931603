using Pidman.Exceptions;

namespace Pidman.Config;

/// <summary>A config file has problems; every one is listed, and nothing was started.</summary>
public sealed class ConfigException : PidmanInputException
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : this([.. errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line)])
    {
    }

    // In the order of the files' lines, whatever order the checks found them in.
    private ConfigException(List<ConfigError> sorted)
        : base(string.Join(Environment.NewLine, sorted.Select(e => e.ToString())))
    {
        Errors = sorted;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
