using System.Globalization;
using Pidman.Exceptions;
using Pidman.PidFiles;

namespace Pidman.Config;

/// <summary>
/// foreman's process formation (<c>-m web=2,worker=3</c>, <c>-m all=1,worker=0</c>): how many instances of each service
/// this command runs, over the config's <c>scale</c>; 0 leaves a service out.
/// </summary>
public sealed record Formation
{
    [System.Text.Json.Serialization.JsonConstructor]
    internal Formation(int? all, IReadOnlyDictionary<string, int> counts)
    {
        All = all;
        Counts = counts;
    }

    /// <summary>The count for every service not named (<c>all=N</c>), or null: the config's.</summary>
    public int? All { get; init; }

    /// <summary>The count of each service named.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; init; }

    /// <summary>The most instances a service may have (as <c>scale</c>).</summary>
    public const int MaxInstances = 64;

    /// <summary>Reads <c>NAME=N,NAME=N</c> (blanks ignored, as foreman ignores them).</summary>
    /// <exception cref="PidmanInputException">A pair that is not NAME=N with N from 0 to 64, or a name given twice.</exception>
    /// <returns>The formation: the counts named, and <c>all</c>'s.</returns>
    public static Formation Parse(string text)
    {
        int? all = null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string written = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (written.Length == 0) throw new PidmanInputException("invalid formation '': use NAME=N, e.g. web=2,worker=3 or all=1,worker=0");
        foreach (string pair in written.Split(','))
        {
            int eq = pair.IndexOf('=');
            string name = eq > 0 ? pair[..eq] : "";
            if (eq <= 0 || !int.TryParse(pair.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count > MaxInstances
                || (name != "all" && !PidFileName.IsValidService(name)))
                throw new PidmanInputException($"invalid formation '{pair}': use NAME=N (N from 0 to {MaxInstances}), e.g. web=2,worker=3 or all=1,worker=0");
            if (name == "all") all = count;
            else if (!counts.TryAdd(name, count)) throw new PidmanInputException($"invalid formation: {name} is given twice");
        }
        return new Formation(all, counts);
    }

    /// <summary>How many instances of <paramref name="service"/> run, given <paramref name="configured"/> in the config.</summary>
    /// <returns>The count named for it, else <c>all</c>'s, else <paramref name="configured"/>.</returns>
    public int InstancesOf(string service, int configured) => Counts.TryGetValue(service, out int n) ? n : All ?? configured;

    /// <summary>The form it is written in: for the detached supervisor, which keeps what it was started with.</summary>
    public override string ToString() =>
        string.Join(',', (All is int a ? [$"all={a}"] : Array.Empty<string>()).Concat(Counts.Select(kv => $"{kv.Key}={kv.Value}")));
}
