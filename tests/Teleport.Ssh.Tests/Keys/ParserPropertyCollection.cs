namespace Teleport.Ssh.Tests.Keys;

/// <summary>
/// The parser property tests share one set of seeds and run one after another: they throw and
/// catch hundreds of thousands of exceptions, which run slower side by side than in turn.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ParserPropertyCollection : ICollectionFixture<ParserSeeds>
{
    public const string Name = "parser properties";
}
