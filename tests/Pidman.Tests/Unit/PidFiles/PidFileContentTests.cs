using System.Text;
using Pidman.PidFiles;

namespace Pidman.Tests.Unit.PidFiles;

public class PidFileContentTests
{
    [Theory]
    [InlineData("12345\n", 12345)]
    [InlineData("12345", 12345)]
    [InlineData("  42 \r\n", 42)]
    [InlineData("\t7\n\n", 7)]
    public void Accepts_digits_with_surrounding_ascii_whitespace(string content, long expected)
    {
        Assert.True(PidFileContent.TryParse(Encoding.UTF8.GetBytes(content), out long pid, out _));
        Assert.Equal(expected, pid);
    }

    [Theory]
    [InlineData("", EntryReason.Empty)]
    [InlineData(" \n\t ", EntryReason.Empty)]
    [InlineData("abc", EntryReason.NotANumber)]
    [InlineData("12abc", EntryReason.NotANumber)]
    [InlineData("0x10", EntryReason.NotANumber)]
    [InlineData("+5", EntryReason.NotANumber)]
    [InlineData("-1", EntryReason.NotANumber)]
    [InlineData("1 2", EntryReason.NotANumber)]
    [InlineData("١٢٣", EntryReason.NotANumber)]
    [InlineData("12\u00003", EntryReason.NotANumber)]
    [InlineData("12\u0000", EntryReason.NotANumber)]
    public void Refuses_anything_but_plain_decimal(string content, EntryReason reason)
    {
        Assert.False(PidFileContent.TryParse(Encoding.UTF8.GetBytes(content), out _, out var actual));
        Assert.Equal(reason, actual);
    }

    [Theory]
    [InlineData(0L, EntryReason.PidTooSmall)]
    [InlineData(1L, EntryReason.PidTooSmall)]
    [InlineData(32769L, EntryReason.PidOutOfRange)]
    [InlineData(99999999999L, EntryReason.PidOutOfRange)]
    public void Range_check_refuses_zero_one_and_above_pid_max(long pid, EntryReason reason) =>
        Assert.Equal(reason, PidFileContent.CheckRange(pid, pidMax: 32768));

    [Fact]
    public void Huge_numbers_saturate_instead_of_wrapping()
    {
        Assert.True(PidFileContent.TryParse(Encoding.ASCII.GetBytes(new string('9', 60)), out long pid, out _));
        Assert.True(pid > int.MaxValue);
    }

    [Fact]
    public void Format_is_the_bare_pid_and_a_newline() => Assert.Equal("12345\n"u8.ToArray(), PidFileContent.Format(12345));
}
