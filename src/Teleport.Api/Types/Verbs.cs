namespace Teleport.Api.Types;

/// <summary>The verbs of role <c>rules</c>, as Teleport spells them (api/types/constants.go).</summary>
public static class Verbs
{
    public const string Wildcard = "*";
    public const string List = "list";
    public const string Create = "create";
    public const string Read = "read";

    /// <summary>Read without secrets (a CA without private keys); <c>read</c> implies it.</summary>
    public const string ReadNoSecrets = "readnosecrets";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Use = "use";

    /// <summary>The verbs of a read-write rule in Teleport's preset roles.</summary>
    public static ValueList<string> ReadWrite { get; } = [List, Create, Read, Update, Delete];

    /// <summary>The verbs of a read-only rule in Teleport's preset roles.</summary>
    public static ValueList<string> ReadOnly { get; } = [List, Read];
}
