using Teleport.Client.Scp;

namespace Teleport.Client.Tests.Scp;

public sealed class ScpPathTests
{
    [Theory]
    [InlineData("file.txt", null, null, "file.txt")]
    [InlineData("./a:b", null, null, "./a:b")]
    [InlineData("/tmp/x:y", null, null, "/tmp/x:y")]
    [InlineData("web1:/tmp/x", null, "web1", "/tmp/x")]
    [InlineData("root@web1:/tmp/x", "root", "web1", "/tmp/x")]
    [InlineData("root@web1:", "root", "web1", ".")]
    [InlineData("root@web1:relative/dir", "root", "web1", "relative/dir")]
    public void Local_and_remote_paths(string text, string? login, string? host, string path)
    {
        ScpLocation location = ScpLocation.Parse(text);
        Assert.Equal(new ScpLocation(login, host, path), location);
        Assert.Equal(host is not null, location.IsRemote);
    }

    [Theory]
    [InlineData("@web1:/x")]
    [InlineData("root@:/x")]
    [InlineData("")]
    public void Bad_paths(string text) => Assert.Throws<ClientException>(() => ScpLocation.Parse(text));

    [Fact]
    public void Headers_from_the_remote_scp_are_parsed_and_unsafe_names_refused()
    {
        Assert.Equal(((UnixFileMode)Convert.ToInt32("644", 8), 1234L, "a b.txt"), ScpClient.ParseHeader("0644 1234 a b.txt"));
        Assert.Throws<ScpException>(() => ScpClient.ParseHeader("0644 1 ../etc/passwd"));
        Assert.Throws<ScpException>(() => ScpClient.ParseHeader("0644 1 .."));
        Assert.Throws<ScpException>(() => ScpClient.ParseHeader("0644 x name"));
        Assert.Throws<ScpException>(() => ScpClient.ParseHeader("0644 12"));
        Assert.Throws<ScpException>(() => ScpClient.ParseHeader("0899 1 name"));
    }

    [Fact]
    public void Remote_paths_are_single_quoted_for_the_shell() =>
        Assert.Equal("'it'\\''s here'", ScpClient.Quote("it's here"));
}
