namespace Pidman.Logs;

/// <summary>Where <see cref="LineFramer"/> puts framed bytes: appended to a log by the stamper, to a list in tests.</summary>
internal delegate void FramedBytes(ReadOnlySpan<byte> bytes);

/// <summary>
/// The stamper's framing, apart from its descriptors: each chunk a service wrote is passed on at once, a stamp in front
/// of every line that starts in it. Whether the next byte starts a line is carried from chunk to chunk, so a line split
/// over several reads gets one stamp, and a prompt without a newline is written now with the rest of its line unstamped.
/// </summary>
internal sealed class LineFramer
{
    private bool _lineStart = true;

    /// <summary>
    /// Frames <paramref name="chunk"/> with <paramref name="stamp"/> through <paramref name="output"/> (at least the
    /// stamp's length + 1 bytes), handing each full buffer and the rest to <paramref name="sink"/>.
    /// </summary>
    public void Frame(ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> stamp, Span<byte> output, FramedBytes sink)
    {
        if (output.Length <= stamp.Length) throw new ArgumentException("the output buffer must hold a stamp and a byte", nameof(output));
        int o = 0;
        for (int i = 0; i < chunk.Length;)
        {
            if (output.Length - o < stamp.Length + 1)
            {
                sink(output[..o]);
                o = 0;
            }
            if (_lineStart)
            {
                stamp.CopyTo(output[o..]);
                o += stamp.Length;
            }
            int newline = chunk[i..].IndexOf((byte)'\n');
            int end = newline < 0 ? chunk.Length : i + newline + 1;
            int take = Math.Min(end - i, output.Length - o);
            chunk.Slice(i, take).CopyTo(output[o..]);
            o += take;
            i += take;
            _lineStart = i == end && newline >= 0;
        }
        sink(output[..o]);
    }
}
