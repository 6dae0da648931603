using Pidman.Exceptions;
using Pidman.PidFiles;

namespace Pidman.Tests.Unit.PidFiles;

public class PidFileNameTests
{
    [Theory]
    [InlineData("web_server", "process", "web_server.pid")]
    [InlineData("web_server", "tmux", "tmux_web_server.pid")]
    [InlineData("web_server", "worker1", "worker1_web_server.pid")]
    [InlineData("a.b-c", null, "a.b-c.pid")]
    public void Maps_service_and_type_to_the_naming_rule(string service, string? type, string file) =>
        Assert.Equal(file, PidFileName.Create(service, type).FileName);

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("-dash")]
    [InlineData("a b")]
    [InlineData("a\nb")]
    [InlineData("web\n")]
    [InlineData("ünï")]
    public void Refuses_bad_service_names(string service)
    {
        var e = Assert.Throws<PidmanInputException>(() => PidFileName.Create(service));
        Assert.Contains("invalid service name", e.Message);
    }

    [Fact]
    public void Refuses_service_names_over_64_characters()
    {
        PidFileName.Create(new string('a', 64));
        Assert.Throws<PidmanInputException>(() => PidFileName.Create(new string('a', 65)));
    }

    [Theory]
    [InlineData("Tmux")]
    [InlineData("my_type")]
    [InlineData("1worker")]
    [InlineData("")]
    public void Refuses_bad_type_names(string type) => Assert.Throws<PidmanInputException>(() => PidFileName.Create("web", type));

    [Theory]
    [InlineData("web_server.pid", "web_server", "process")]
    [InlineData("tmux_web.pid", "web", "tmux")]
    [InlineData("worker3_web.pid", "web", "worker3")]
    [InlineData("supervisor_app.pid", "app", "supervisor")]
    public void Infers_files_written_by_others(string file, string service, string type)
    {
        var name = PidFileName.Infer(file);
        Assert.NotNull(name);
        Assert.Equal(service, name.Value.Service);
        Assert.Equal(type, name.Value.Type);
    }
}
