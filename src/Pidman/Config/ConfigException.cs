using Pidman.Exceptions;

namespace Pidman.Config;

/// <summary>A config file has problems; every one is listed, and nothing was started.</summary>
public sealed class ConfigException : PidmanInputException
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
