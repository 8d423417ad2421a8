using Teleport.Srv.Processes;

namespace Teleport.Srv.Tests.Processes;

/// <summary>
/// The OS account the user-switch tests run as (created as root, idempotently: it may exist from a
/// previous run), with one supplementary group, and the published helper they switch through.
/// </summary>
internal static class TestAccount
{
    public const string Name = "tp-srv-test";
    public const string ExtraGroup = "tp-srv-test-extra";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<UnixUser> EnsureAsync()
    {
        Assert.True(SessionProcessTests.GetEUid() == 0, "the user-switch tests need root (as in CI)");
        await Gate.WaitAsync();
        try
        {
            if (UnixUser.Lookup(Name) is UnixUser existing && existing.Groups.Count > 1)
            {
                return existing;
            }

            // Exit 9 is "already exists": another run won the race.
            ProcessResult group = await ExternalProcess.RunAsync("groupadd", [ExtraGroup]);
            Assert.True(group.ExitCode is 0 or 9, group.ToString());
            ProcessResult user = await ExternalProcess.RunAsync("useradd", ["-m", "-G", ExtraGroup, Name]);
            Assert.True(user.ExitCode is 0 or 9, user.ToString());
            ProcessResult member = await ExternalProcess.RunAsync("usermod", ["-a", "-G", ExtraGroup, Name]);
            Assert.True(member.ExitCode == 0, member.ToString());
            return UnixUser.Lookup(Name) ?? throw new InvalidOperationException($"{Name} was not created");
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>bin/teleport in the repository root (the directory holding Teleport.slnx), published by ./build.sh.</summary>
    public static string Helper
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Teleport.slnx")))
            {
                directory = directory.Parent;
            }

            Assert.NotNull(directory);
            string helper = Path.Combine(directory.FullName, "bin", "teleport");
            Assert.True(File.Exists(helper), $"{helper} is missing: run ./build.sh first");
            return helper;
        }
    }
}
