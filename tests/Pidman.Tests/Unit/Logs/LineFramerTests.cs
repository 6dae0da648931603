using System.Text;
using Pidman.Logs;

namespace Pidman.Tests.Unit.Logs;

/// <summary>The stamper's framing without its descriptors: a stamp before every line, carried over reads.</summary>
public sealed class LineFramerTests
{
    private const string Stamp = "[T] ";

    /// <summary>Frames the chunks in order through an output buffer of <paramref name="outputBytes"/>; what the log receives.</summary>
    private static (string Text, List<string> Writes) Frame(int outputBytes, params string[] chunks)
    {
        var framer = new LineFramer();
        var writes = new List<string>();
        var output = new byte[outputBytes];
        foreach (var chunk in chunks)
            framer.Frame(Encoding.UTF8.GetBytes(chunk), Encoding.UTF8.GetBytes(Stamp), output, bytes => writes.Add(Encoding.UTF8.GetString(bytes)));
        return (string.Concat(writes), writes);
    }

    [Theory]
    [InlineData(new[] { "a\nb\n" }, "[T] a\n[T] b\n")]
    [InlineData(new[] { "hel", "lo\n" }, "[T] hello\n")] // one line over two reads: one stamp
    [InlineData(new[] { "prompt> ", "answer\n", "next\n" }, "[T] prompt> answer\n[T] next\n")]
    [InlineData(new[] { "\n\n" }, "[T] \n[T] \n")] // empty lines are lines
    [InlineData(new[] { "a\n", "", "b" }, "[T] a\n[T] b")] // an empty read changes nothing
    public void Every_line_gets_one_stamp_however_the_reads_cut_it(string[] chunks, string expected)
    {
        Assert.Equal(expected, Frame(64, chunks).Text);
    }

    [Fact]
    public void A_line_longer_than_the_buffer_is_written_whole_with_one_stamp()
    {
        string line = new string('x', 100) + "\n" + "y\n";
        var (text, writes) = Frame(Stamp.Length + 8, line);
        Assert.Equal(Stamp + new string('x', 100) + "\n" + Stamp + "y\n", text);
        Assert.True(writes.Count > 1, "the buffer was flushed as it filled");
        Assert.All(writes, w => Assert.True(w.Length <= Stamp.Length + 8));
    }

    [Fact]
    public void Each_chunk_is_handed_on_before_the_next_read()
    {
        // Nothing is held back for a newline: the prompt is in the log as soon as its read is framed.
        var framer = new LineFramer();
        var writes = new List<string>();
        framer.Frame("prompt> "u8, Encoding.UTF8.GetBytes(Stamp), new byte[64], b => writes.Add(Encoding.UTF8.GetString(b)));
        Assert.Equal(["[T] prompt> "], writes);
    }

    [Fact]
    public void An_output_buffer_that_cannot_hold_a_stamp_and_a_byte_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new LineFramer().Frame("a"u8, Encoding.UTF8.GetBytes(Stamp), new byte[Stamp.Length], _ => { }));
    }
}
