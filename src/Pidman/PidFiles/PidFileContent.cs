using System.Globalization;

namespace Pidman.PidFiles;

/// <summary>The bytes of a <c>.pid</c> file: the bare PID and a newline, parsed strictly.</summary>
internal static class PidFileContent
{
    /// <summary>No PID file is longer: the longest pid_max (2^22) has 7 digits; the rest is slack for whitespace.</summary>
    internal const int MaxBytes = 64;

    /// <summary>The canonical content for <paramref name="pid"/>: <c>"12345\n"</c>.</summary>
    internal static byte[] Format(int pid) => System.Text.Encoding.ASCII.GetBytes(pid.ToString(CultureInfo.InvariantCulture) + "\n");

    /// <summary>
    /// Parses optional ASCII whitespace (CRLF included) around ASCII decimal digits; anything
    /// else (<c>+5</c>, <c>0x10</c>, <c>12abc</c>, non-ASCII digits, NUL) is not a number.
    /// Range checks (≤ 1, above pid_max) are the caller's, so each gets its own reason.
    /// </summary>
    internal static bool TryParse(ReadOnlySpan<byte> content, out long pid, out EntryReason reason)
    {
        pid = 0;
        var digits = content.Trim(" \t\r\n\v\f"u8);
        if (digits.IsEmpty)
        {
            reason = EntryReason.Empty;
            return false;
        }
        foreach (byte b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                reason = EntryReason.NotANumber;
                return false;
            }
            // Saturate instead of overflowing: anything past 2^31 is out of range anyway.
            pid = pid > int.MaxValue ? pid : pid * 10 + (b - '0');
        }
        reason = EntryReason.Verified;
        return true;
    }

    /// <summary>Checks a parsed PID against the values that are never a service: ≤ 1 and above pid_max.</summary>
    internal static EntryReason? CheckRange(long pid, int pidMax) =>
        pid <= 1 ? EntryReason.PidTooSmall : pid > pidMax ? EntryReason.PidOutOfRange : null;
}
