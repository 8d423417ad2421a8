using Teleport.Client.Profiles;

namespace Tsh;

/// <summary>What every tsh command needs: the profile directory and the clock.</summary>
internal sealed class TshContext
{
    public ProfileStore Store { get; } = ProfileStore.Default();

    public TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>$USER, the default login and Teleport user name, as tsh uses it.</summary>
    public static string LocalUser => Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : Environment.UserName;

    /// <summary>The current profile, checked to hold a valid certificate.</summary>
    public ActiveProfile Active(bool allowExpired = false) => ActiveProfile.Load(Store, Clock, allowExpired);

    public static Stream StandardOutput() => Console.OpenStandardOutput();

    public static Stream StandardError() => Console.OpenStandardError();

    public static Stream StandardInput() => Console.OpenStandardInput();
}
