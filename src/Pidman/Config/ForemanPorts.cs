using System.Globalization;

namespace Pidman.Config;

/// <summary>
/// foreman's <c>PORT</c> (lib/foreman/engine.rb, <c>base_port</c> and <c>port_for</c>): the base is <c>-p</c>, else
/// <c>PORT</c> in the env files, else <c>PORT</c> in the environment, else <c>[settings] port</c>, else 5000; the service
/// at position i of the file starts at base + 100 × i, and its instance n gets that + n − 1.
/// </summary>
internal static class ForemanPorts
{
    /// <summary>The base, by the rule above.</summary>
    /// <param name="flag">The <c>-p</c> given, if any.</param>
    /// <param name="envFiles">What the env files hold (a <c>PORT</c> there is the base, as foreman takes it).</param>
    /// <param name="settings">The <c>[settings] port</c> (5000 when not set).</param>
    public static int Base(int? flag, IReadOnlyDictionary<string, string> envFiles, int settings) =>
        flag ?? Number(envFiles.GetValueOrDefault(ServiceEnvironment.PortVariable)) ?? Number(Environment.GetEnvironmentVariable(ServiceEnvironment.PortVariable)) ?? settings;

    /// <summary>The first instance's port of the service at <paramref name="index"/> (0-based, in file order).</summary>
    public static int For(int portBase, int index) => portBase + 100 * index;

    private static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 65535 ? n : null;
}
