using System.Text;
using Teleport.Api.Serialization;
using Teleport.Api.Types;
using Teleport.Backend;

namespace Teleport.Auth.Storage;

/// <summary>
/// Resources of one kind kept as JSON under <c>/&lt;collection&gt;/&lt;name&gt;/params</c>, as
/// Teleport lays out its backend; <c>metadata.expires</c> becomes the item's expiry, so expired
/// tokens and heartbeats vanish on their own.
/// </summary>
public sealed class ResourceStore<T>(IBackend backend, string collection, string kindName) where T : class, IResource
{
    public IBackend Backend => backend;

    public string Prefix { get; } = Keys.Key(collection) + "/";

    public string KeyOf(string name) => Keys.Key(collection, name, "params");

    public async Task<T?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        Item? item = await backend.GetAsync(KeyOf(name), cancellationToken).ConfigureAwait(false);
        return item is null ? null : Decode(item);
    }

    public async Task<T> GetRequiredAsync(string name, CancellationToken cancellationToken = default) =>
        await GetAsync(name, cancellationToken).ConfigureAwait(false) ?? throw AuthException.NotFound($"{kindName} \"{name}\" not found");

    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Item> items = await backend.GetPrefixAsync(Prefix, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. items.Where(i => i.Key.EndsWith("/params", StringComparison.Ordinal)).Select(Decode)];
    }

    public async Task<T> CreateAsync(T resource, CancellationToken cancellationToken = default)
    {
        resource.Validate();
        try
        {
            await backend.CreateAsync(Encode(resource), cancellationToken).ConfigureAwait(false);
        }
        catch (AlreadyExistsException)
        {
            throw AuthException.AlreadyExists($"{kindName} \"{resource.Metadata.Name}\" already exists");
        }

        return resource;
    }

    public async Task<T> UpdateAsync(T resource, CancellationToken cancellationToken = default)
    {
        resource.Validate();
        try
        {
            await backend.UpdateAsync(Encode(resource), cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            throw AuthException.NotFound($"{kindName} \"{resource.Metadata.Name}\" not found");
        }

        return resource;
    }

    public async Task<T> UpsertAsync(T resource, CancellationToken cancellationToken = default)
    {
        resource.Validate();
        await backend.PutAsync(Encode(resource), cancellationToken).ConfigureAwait(false);
        return resource;
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await backend.DeleteAsync(KeyOf(name), cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            throw AuthException.NotFound($"{kindName} \"{name}\" not found");
        }
    }

    public Item Encode(T resource) =>
        new(KeyOf(resource.Metadata.Name), Encoding.UTF8.GetBytes(ResourceJson.Write(resource)), resource.Metadata.Expires);

    private static T Decode(Item item) => (T)ResourceJson.Read(item.Value.Span);
}
