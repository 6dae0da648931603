using Pidman.Os;

namespace Pidman.Tests.Unit.Os;

/// <summary>The /proc text parsers (mountinfo, net tables, maps, status) over real-shaped and hostile fixtures.</summary>
public sealed class ProcTextParserTests
{
    [Fact]
    public void The_cgroup2_mount_point_is_found_past_optional_fields_and_other_mounts()
    {
        const string text =
            "22 1 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:5 - proc proc rw\n" +
            "30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 master:2 - cgroup2 cgroup2 rw,nsdelegate\n";
        Assert.Equal("/sys/fs/cgroup", MountInfo.Cgroup2MountPoint(text));
    }

    [Fact]
    public void A_mount_point_with_escaped_characters_is_decoded()
    {
        const string text = @"30 22 0:26 / /run/my\040cgroups\011tab\134x rw - cgroup2 cgroup2 rw" + "\n";
        Assert.Equal("/run/my cgroups\ttab\\x", MountInfo.Cgroup2MountPoint(text));
    }

    [Fact]
    public void A_cgroup2_bind_mount_of_a_subtree_is_not_the_hierarchy_root()
    {
        // A container's view: a subtree bound first, the root mount after it.
        const string text =
            "40 30 0:26 /user.slice /mnt/sub rw - cgroup2 cgroup2 rw\n" +
            "41 30 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";
        Assert.Equal("/sys/fs/cgroup", MountInfo.Cgroup2MountPoint(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("30 22 0:26 / /sys/fs/cgroup rw - cgroup cgroup rw,memory\n")] // cgroup v1 only
    [InlineData("30 22 0:26 / /sys/fs/cgroup rw - cgroup2x cgroup2 rw\n")]
    [InlineData("30 22 / /sys/fs/cgroup - cgroup2 cgroup2 rw\n")] // too few fields before the separator
    [InlineData("30 22 0:26 / /sys/fs/cgroup rw -cgroup2 cgroup2 rw\n")]
    [InlineData("garbage without a separator\n")]
    public void No_cgroup2_root_mount_gives_none(string text) => Assert.Null(MountInfo.Cgroup2MountPoint(text));

    [Theory]
    [InlineData(@"plain", "plain")]
    [InlineData(@"a\040b", "a b")]
    [InlineData(@"a\012b", "a\nb")]
    [InlineData(@"trailing\04", @"trailing\04")] // cut short: kept as written
    [InlineData(@"not\089octal", @"not\089octal")]
    [InlineData(@"\\040", "\\ ")] // a backslash escape, then an escaped space
    public void Kernel_path_escapes_are_decoded_and_anything_else_kept(string field, string expected) =>
        Assert.Equal(expected, MountInfo.Unescape(field));

    private const string TcpHeader = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    [Fact]
    public void Listening_tcp_and_bound_udp_sockets_are_read_by_inode()
    {
        var sockets = new Dictionary<ulong, ListeningPort>();
        NetTable.AddListening(TcpHeader +
            "   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0\n" +
            "   1: 0100007F:1389 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 12346 1 0000000000000000 20 4 30 10 -1\n",
            "tcp", sockets);
        NetTable.AddListening(
            "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" +
            "   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 100 0 0 10 0\n",
            "tcp6", sockets);
        NetTable.AddListening(
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n" +
            "  12: 0100007F:2BCB 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 888 2 0000000000000000 0\n",
            "udp", sockets);

        Assert.Equal(3, sockets.Count);
        Assert.Equal(new ListeningPort("tcp", "127.0.0.1", 5000), sockets[12345]); // 12346 is an established connection
        Assert.Equal(new ListeningPort("tcp6", "::", 80), sockets[777]);
        Assert.Equal(new ListeningPort("udp", "127.0.0.1", 11211), sockets[888]);
    }

    [Theory]
    [InlineData("   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 0 1\n")] // inode 0: a socket in teardown
    [InlineData("   0: 0100007F:ZZZZ 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 5 1\n")] // port not hex
    [InlineData("   0: 0100007F:13880 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 5 1\n")] // port over 65535
    [InlineData("   0: 0100007G:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 5 1\n")] // address not hex
    [InlineData("   0: 0100007F1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 5 1\n")] // no colon
    [InlineData("   0: 01007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 5 1\n")] // short address
    [InlineData("   0: 0100007F:1388 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 -5 1\n")] // negative inode
    [InlineData("   0: 0100007F:1388 00000000:0000 0A\n")] // cut short
    public void A_malformed_row_is_skipped_and_the_rest_still_read(string row)
    {
        var sockets = new Dictionary<ulong, ListeningPort>();
        NetTable.AddListening(TcpHeader + row + "   1: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 99 1\n", "tcp", sockets);
        Assert.Equal(new ListeningPort("tcp", "127.0.0.1", 22), Assert.Single(sockets).Value);
    }

    [Fact]
    public void A_udp_table_counts_state_07_a_tcp_table_does_not_and_each_table_has_its_address_length()
    {
        const string row = "   0: 0100007F:1388 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 5 1\n";
        var tcp = new Dictionary<ulong, ListeningPort>();
        NetTable.AddListening(row, "tcp", tcp);
        var udp = new Dictionary<ulong, ListeningPort>();
        NetTable.AddListening(row, "udp6", udp);
        Assert.Empty(tcp);
        Assert.Empty(udp); // an 8-digit address has no place in a v6 table
        NetTable.AddListening(row, "udp", udp);
        Assert.Single(udp);
    }

    [Fact]
    public void The_mappings_of_one_file_are_found_by_its_whole_path()
    {
        const string text =
            "55d1c8a00000-55d1c8b00000 r--p 00000000 fd:01 1234                       /usr/bin/pidman\n" +
            "55d1c8b00000-55d1c8c00000 r-xp 00100000 fd:01 1234                       /usr/bin/pidman\n" +
            "55d1c8c00000-55d1c8c01000 rw-p 00000000 fd:01 99                         /opt/usr/bin/pidman\n" +
            "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n" +
            "7f0000001000-7f0000002000 r--p 00000000 fd:01 55                         /tmp/my dir/pidman\n" +
            "7f0000002000-7f0000003000 r--p 00000000 fd:01 56                         /tmp/new\\012line\n" +
            "zzzz-7f0000004000 r--p 00000000 fd:01 1234                              /usr/bin/pidman\n" +
            "7f0000005000-7f0000004000 r--p 00000000 fd:01 1234                      /usr/bin/pidman\n";
        Assert.Equal([(unchecked((nint)0x55d1c8a00000L), (nuint)0x100000), (unchecked((nint)0x55d1c8b00000L), (nuint)0x100000)], ProcMaps.RangesOf(text, "/usr/bin/pidman"));
        Assert.Equal([(unchecked((nint)0x7f0000001000L), (nuint)0x1000)], ProcMaps.RangesOf(text, "/tmp/my dir/pidman"));
        Assert.Equal([(unchecked((nint)0x7f0000002000L), (nuint)0x1000)], ProcMaps.RangesOf(text, "/tmp/new\nline"));
    }

    [Theory]
    [InlineData("Name:\tweb\nUid:\t1000\t1000\t1000\t1000\n", "Uid:", 1000u)]
    [InlineData("Name:\tUid: 5\nTgid:\t77\n", "Tgid:", 77u)]
    [InlineData("Tgid:\t\n", "Tgid:", null)]
    [InlineData("Tgid:\t-3\n", "Tgid:", null)]
    [InlineData("Tgid:\t99999999999\n", "Tgid:", null)]
    [InlineData("Pid:\t1\n", "Tgid:", null)]
    public void A_status_field_is_its_first_number_or_none(string status, string key, uint? expected) =>
        Assert.Equal(expected, ProcStatus.Field(status, key));

    [Theory]
    [InlineData("0::/user.slice/pidman-1a2b/web.0f1e\n", "/user.slice/pidman-1a2b/web.0f1e")]
    [InlineData("12:memory:/docker/abc\n1:name=systemd:/docker/abc\n0::/docker/abc\n", "/docker/abc")] // hybrid: v1 lines first
    [InlineData("0::/\n", "/")]
    [InlineData("0::/my dir/x\n", "/my dir/x")]
    [InlineData("0::/gone (deleted)\n", null)]
    [InlineData("12:memory:/docker/abc\n", null)] // v1 only
    [InlineData("0::\n", null)]
    [InlineData("", null)]
    public void The_cgroup_v2_path_is_the_0_line_s_and_a_deleted_one_is_none(string text, string? expected) =>
        Assert.Equal(expected, ProcCgroup.UnifiedPath(text));
}
