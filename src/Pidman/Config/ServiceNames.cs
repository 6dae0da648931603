using Pidman.Exceptions;

namespace Pidman.Config;

/// <summary>The one message for a name that is no service, with a "did you mean" when one is close.</summary>
internal static class ServiceNames
{
    /// <summary>The most names an unknown-service error lists.</summary>
    internal const int MaxListed = 12;

    /// <summary>The error for <paramref name="name"/>, which is none of <paramref name="known"/> (defined in <paramref name="where"/>).</summary>
    public static PidmanInputException Unknown(string name, IReadOnlyCollection<string> known, string where)
    {
        // A project of 200 services would otherwise fill the screen for one typo; the hint names the likely one anyway.
        string listed = known.Count <= MaxListed ? string.Join(", ", known) : $"{string.Join(", ", known.Take(MaxListed))} and {known.Count - MaxListed} more";
        string defined = known.Count == 0 ? $"{where} defines none" : $"{where} defines {listed}";
        string hint = Closest(name, known) is { } close ? $" (did you mean '{close}'?)" : "";
        return new PidmanInputException($"unknown service '{name}'{hint}; {defined}");
    }

    /// <summary>The candidate closest to <paramref name="name"/> if it is a plausible typo (a prefix, or up to 2 edits away).</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            int d = candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase) ? 1 : Distance(name, candidate);
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        return bestDistance <= Math.Min(2, Math.Max(1, name.Length / 3)) ? best : null;
    }

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int previous = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }
}
