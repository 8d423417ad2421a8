using System.Diagnostics;
using Teleport.Auth.Identity;

namespace Teleport.Auth.Tests.Identity;

public sealed class TotpTests
{
    private static readonly byte[] Rfc6238Secret = "12345678901234567890"u8.ToArray();

    /// <summary>RFC 6238 Appendix B, SHA-1 column, last six digits.</summary>
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Matches_the_RFC_6238_test_vectors(long unixTime, string expected) =>
        Assert.Equal(expected, Totp.Code(Rfc6238Secret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime))));

    [Fact]
    public async Task Accepts_codes_from_oathtool_once()
    {
        byte[] secret = Totp.GenerateSecret();
        string code = await OathtoolAsync(Base32.Encode(secret));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        long? step = Totp.Verify(secret, code, now, lastUsedStep: 0);
        Assert.NotNull(step);
        Assert.Null(Totp.Verify(secret, code, now, lastUsedStep: step.Value));
    }

    [Fact]
    public void Accepts_one_step_of_skew_and_no_more()
    {
        byte[] secret = Totp.GenerateSecret();
        DateTimeOffset now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        long step = Totp.StepAt(now);
        Assert.Equal(step - 1, Totp.Verify(secret, Totp.Code(secret, step - 1), now, 0));
        Assert.Equal(step + 1, Totp.Verify(secret, Totp.Code(secret, step + 1), now, 0));
        Assert.Null(Totp.Verify(secret, Totp.Code(secret, step - 2), now, 0));
        Assert.Null(Totp.Verify(secret, Totp.Code(secret, step + 2), now, 0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Refuses_malformed_codes(string code) =>
        Assert.Null(Totp.Verify(Totp.GenerateSecret(), code, DateTimeOffset.UtcNow, 0));

    [Fact]
    public void Key_uri_carries_the_base32_secret_and_parameters()
    {
        byte[] secret = Totp.GenerateSecret();
        string uri = Totp.KeyUri("example.com", "alice", secret);
        Assert.StartsWith("otpauth://totp/example.com:alice?secret=" + Base32.Encode(secret), uri, StringComparison.Ordinal);
        Assert.Contains("digits=6", uri, StringComparison.Ordinal);
        Assert.Contains("period=30", uri, StringComparison.Ordinal);
        Assert.Equal(secret, Base32.Decode(Base32.Encode(secret)));
    }

    [Fact]
    public void Qr_code_is_a_png()
    {
        byte[] png = QrCode.Png(Totp.KeyUri("example.com", "alice", Totp.GenerateSecret()));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    private static async Task<string> OathtoolAsync(string base32Secret)
    {
        var start = new ProcessStartInfo("oathtool") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "--totp", "-b", base32Secret })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output.Trim();
    }
}
