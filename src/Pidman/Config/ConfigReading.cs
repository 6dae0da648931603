using Pidman.Config;

namespace Pidman.Config;

/// <summary>What a command adds to a config as it is read: env files, a <c>PORT</c> base, a formation.</summary>
/// <param name="EnvFiles">Env files (<c>-e</c>) read instead of a Procfile's <c>.env</c>, and under a <c>pidman.toml</c> service's own; later ones win.</param>
/// <param name="PortFlag">The <c>-p</c> given: foreman's base, over any <c>PORT</c> of the env files or the environment.</param>
/// <param name="Formation">How many instances of which services (<c>-m</c>), over the config's <c>scale</c>.</param>
internal sealed record ConfigReading(IReadOnlyList<string> EnvFiles, int? PortFlag = null, Formation? Formation = null)
{
    /// <summary>Nothing added: the config as it is.</summary>
    public static ConfigReading None { get; } = new([]);
}
