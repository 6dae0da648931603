using System.Globalization;

namespace Pidman.Os;

/// <summary>Signal names as people write them: <c>HUP</c>, <c>SIGHUP</c>, <c>hup</c>, or a number 1-64.</summary>
internal static class SignalNames
{
    /// <summary>Parses <paramref name="text"/>; false for anything that names no signal.</summary>
    public static bool TryParse(string text, out Signal signal)
    {
        signal = default;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            if (number is < 1 or > 64) return false;
            signal = (Signal)number;
            return true;
        }
        string upper = text.ToUpperInvariant();
        return Enum.TryParse(upper.StartsWith("SIG", StringComparison.Ordinal) ? upper : "SIG" + upper, out signal) && Enum.IsDefined(signal);
    }

    /// <summary><c>SIGHUP</c>, or <c>signal 34</c> for one without a name here.</summary>
    public static string Describe(Signal signal) => Enum.IsDefined(signal) ? signal.ToString() : $"signal {(int)signal}";
}
