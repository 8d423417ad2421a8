using System.Globalization;

namespace Teleport.IntegrationTests.Support;

/// <summary>TOTP codes from the real oathtool, as a user's authenticator would show them.</summary>
internal static class Oathtool
{
    /// <summary>The code for <paramref name="at"/> (default now).</summary>
    public static async Task<string> CodeAsync(string base32Secret, DateTimeOffset? at = null)
    {
        var arguments = new List<string> { "--totp", "-b", base32Secret };
        if (at is { } time)
        {
            arguments.Add("--now=@" + time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        ProcessResult result = await ExternalProcess.RunAsync("oathtool", arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput.Trim();
    }
}
