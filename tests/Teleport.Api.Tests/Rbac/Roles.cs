using System.Collections;
using System.Runtime.CompilerServices;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Rbac;

/// <summary>The roles of a table row; prints as their names so test names stay readable.</summary>
[CollectionBuilder(typeof(Roles), nameof(Create))]
public sealed class Roles(Role[] items) : IEnumerable<Role>
{
    public static Roles Create(ReadOnlySpan<Role> items) => new(items.ToArray());

    public IEnumerator<Role> GetEnumerator() => ((IEnumerable<Role>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", items.Select(role => role.Name)) + "]";
}
