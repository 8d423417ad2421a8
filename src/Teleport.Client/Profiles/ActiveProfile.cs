namespace Teleport.Client.Profiles;

/// <summary>The current profile with its keys, checked to be usable: the starting point of every command but login.</summary>
public sealed class ActiveProfile(ClientProfile profile, ClientKeys keys)
{
    public ClientProfile Profile { get; } = profile;

    public ClientKeys Keys { get; } = keys;

    /// <summary>
    /// Loads the current profile; "not logged in" when there is none, and, unless
    /// <paramref name="allowExpired"/>, the expired-credentials message when the certificate ran out.
    /// </summary>
    public static ActiveProfile Load(ProfileStore store, TimeProvider clock, bool allowExpired = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ClientProfile profile = store.CurrentProfile() ?? throw new ClientException("not logged in; log in with tsh login --proxy=<proxy address>");
        ClientKeys keys = store.LoadKeys(profile);
        if (!allowExpired && keys.IsExpired(clock))
        {
            throw new ClientException($"your credentials have expired, please log in again: tsh login --proxy={profile.WebProxyAddr}");
        }

        return new ActiveProfile(profile, keys);
    }
}
