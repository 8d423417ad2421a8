namespace Teleport.Ssh.Tests.Hostile;

/// <summary>The tests that share one hostile-input server run one after another against it.</summary>
[CollectionDefinition(Name)]
public sealed class HostileServerCollection : ICollectionFixture<HostileServerFixture>
{
    public const string Name = "hostile server";
}
