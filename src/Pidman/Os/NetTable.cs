using System.Globalization;

namespace Pidman.Os;

/// <summary>
/// The listening sockets of one <c>/proc/net/{tcp,tcp6,udp,udp6}</c> table (proc(5)):
/// <c>  0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 12345 1 ...</c>, columns separated
/// by runs of spaces; the local address is hex (IPv4 one little-endian word, IPv6 four), the port hex, the inode decimal.
/// </summary>
internal static class NetTable
{
    /// <summary>Adds to <paramref name="sockets"/>, by inode, each socket of <paramref name="text"/> that listens: TCP in LISTEN (0A), UDP bound (07).</summary>
    /// <param name="text">The table's text, its header line included.</param>
    /// <param name="protocol">The table's name (<c>tcp</c>, <c>tcp6</c>, <c>udp</c>, <c>udp6</c>), which decides the state that counts.</param>
    /// <param name="sockets">Where each listening socket is added (a later table's entry for the same inode wins).</param>
    internal static void AddListening(ReadOnlySpan<char> text, string protocol, Dictionary<ulong, ListeningPort> sockets)
    {
        var listening = protocol.StartsWith("tcp", StringComparison.Ordinal) ? "0A" : "07";
        int addressDigits = protocol.EndsWith('6') ? 32 : 8;
        Span<Range> fields = stackalloc Range[11];
        foreach (var line in text.EnumerateLines())
        {
            if (line.Split(fields, ' ', StringSplitOptions.RemoveEmptyEntries) < 10) continue;
            if (!line[fields[3]].SequenceEqual(listening)) continue; // also the header line, whose column 3 is "st"
            if (!ulong.TryParse(line[fields[9]], NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode) || inode == 0) continue;
            var local = line[fields[1]];
            int colon = local.IndexOf(':');
            if (colon < 0 || !ushort.TryParse(local[(colon + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort port)) continue;
            if (colon == addressDigits && Address(local[..colon]) is { } address) sockets[inode] = new ListeningPort(protocol, address, port);
        }
    }

    /// <summary>A table's address: 8 hex digits (IPv4, one little-endian word) or 32 (IPv6, four little-endian words); null otherwise.</summary>
    internal static string? Address(ReadOnlySpan<char> hex)
    {
        if (hex.Length is not (8 or 32)) return null;
        Span<byte> bytes = stackalloc byte[hex.Length / 2];
        if (Convert.FromHexString(hex, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != bytes.Length) return null;
        for (int word = 0; word < bytes.Length; word += 4) bytes.Slice(word, 4).Reverse();
        return new System.Net.IPAddress(bytes).ToString();
    }
}
