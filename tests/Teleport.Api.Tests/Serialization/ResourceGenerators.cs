using FsCheck;
using FsCheck.Fluent;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Serialization;

/// <summary>
/// FsCheck generators of valid resources whose text is hard to write: words YAML would take for
/// booleans, numbers or null, leading and trailing spaces, quotes, colons, line breaks, control
/// characters and non-ASCII text, next to real templates, globs and regular expressions.
/// </summary>
internal static class ResourceGenerators
{
    private static readonly string[] TrickyWords =
    [
        "yes", "no", "on", "off", "y", "n", "true", "False", "null", "~", "", " ", "0", "007", "1.10", "0x1F", "1e3", ".inf",
        "2025-01-31", "12:30", "-", "- item", "a: b", "#comment", "*", "&anchor", "!tag", "|", ">", "'", "\"", "\\", "%",
        "@", "`", "{", "}", "[", "]", ",", "?", "line\nbreak", "trailing\n", "tab\t", " padded ", "caf\u00e9", "\u65e5\u672c",
        "\U0001F600", "\u0001", "\u007f", "\u00a0", "---", "...", "<<", "=",
    ];

    private static readonly string[] Templates =
    [
        "{{internal.logins}}", "{{external.team}}", "u-{{external.username}}", "{{email.local(external.email)}}",
        "{{regexp.replace(external.env, \"^(staging)$\", \"$1\")}}", "{{external[\"http://schemas.example.com/claims/name\"]}}",
    ];

    private static readonly string[] Patterns = ["*", "web-*", "^us-(east|west)-[0-9]$", "^.*$", "prod"];

    /// <summary>Text without template braces, so that any of it is a valid login or label value.</summary>
    public static Gen<string> Text { get; } = Gen.OneOf(
        Gen.Elements(TrickyWords),
        Gen.Elements("abcXYZ019 _-.:/@#'\"\\\t\n\u00e9\u4e2d\U0001F600".EnumerateRunes().Select(rune => rune.ToString()).ToArray())
            .ArrayOf().Select(parts => string.Concat(parts)),
        Gen.Elements("alice", "root", "ubuntu", "env", "prod", "system:masters"));

    /// <summary>A value valid where templates are allowed: text (never ^...$ by accident) or a template.</summary>
    public static Gen<string> TemplatedValue { get; } = Gen.OneOf(
        Text.Where(static text => !(text.StartsWith('^') && text.EndsWith('$'))),
        Gen.Elements(Templates));

    public static Gen<string> Name { get; } = Text.Where(static text => !string.IsNullOrWhiteSpace(text));

    public static Gen<string?> OptionalText { get; } = Optional(Text);

    public static Gen<Duration> Duration { get; } = Gen.OneOf(
        Gen.Constant(Api.Types.Duration.Zero),
        Gen.Elements("8h", "30m", "1h30m", "90s", "1.5h", "300ms", "1us", "7ns").Select(Api.Types.Duration.Parse),
        ArbMap.Default.GeneratorFor<long>().Select(static ns => Api.Types.Duration.FromNanoseconds(Math.Abs(ns % long.MaxValue))));

    public static Gen<DateTimeOffset?> Time { get; } = Optional(
        ArbMap.Default.GeneratorFor<long>().Select(static seed =>
            new DateTimeOffset(new DateTime(2000, 1, 1).AddTicks(Math.Abs(seed % (100L * 365 * TimeSpan.TicksPerDay))), TimeSpan.Zero)));

    public static Gen<ValueList<string>> Strings(Gen<string> item) =>
        Gen.Choose(0, 3).SelectMany(count => item.ArrayOf(count)).Select(static items => ValueList.Create<string>(items));

    /// <summary>A label selector: keys never '*' (Teleport allows '*' only as '*': '*', added sometimes on its own).</summary>
    public static Gen<ValueMap<ValueList<string>>> Selector { get; } = Gen.OneOf(
        Gen.Constant(ValueMap<ValueList<string>>.Empty),
        Gen.Constant(ValueMap.Of(("*", ["*"]))),
        Gen.Choose(1, 3).SelectMany(count =>
            Gen.Zip(Name.Where(static key => key != "*"), Gen.OneOf(Strings(TemplatedValue), Gen.Elements(Patterns).Select(static p => ValueList.Create<string>([p]))))
                .ArrayOf(count))
            .Select(static pairs => ValueMap.From(pairs.DistinctBy(static pair => pair.Item1).ToDictionary(static pair => pair.Item1, static pair => pair.Item2, StringComparer.Ordinal))));

    public static Gen<ValueMap<string>> Labels { get; } =
        Gen.Choose(0, 3).SelectMany(count => Gen.Zip(Name, Text).ArrayOf(count))
            .Select(static pairs => ValueMap.From(pairs.DistinctBy(static pair => pair.Item1).ToDictionary(static pair => pair.Item1, static pair => pair.Item2, StringComparer.Ordinal)));

    public static Gen<Metadata> Metadata { get; } =
        from name in Name
        from description in OptionalText
        from labels in Labels
        from expires in Time
        from revision in OptionalText
        select new Metadata { Name = name, Description = description, Labels = labels, Expires = expires, Revision = revision };

    public static Gen<Rule> Rule { get; } =
        from resources in Strings(Name).Where(static list => !list.IsEmpty)
        from verbs in Strings(Gen.Elements("list", "read", "create", "update", "delete", "*")).Where(static list => !list.IsEmpty)
        from condition in Optional(Gen.Elements("contains(session.participants, user.metadata.name)", "equals(1, 1)"))
        select new Rule { Resources = resources, Verbs = verbs, Where = condition };

    public static Gen<RoleConditions> Conditions { get; } =
        from logins in Strings(TemplatedValue)
        from nodeLabels in Selector
        from rules in Gen.Choose(0, 2).SelectMany(count => Rule.ArrayOf(count))
        from groups in Strings(TemplatedValue)
        from dbLabels in Selector
        from expression in OptionalText
        from impersonate in Optional(Strings(TemplatedValue).Select(static users => new ImpersonateConditions { Users = users }))
        from request in Optional(
            from roles in Strings(Name)
            from maxDuration in Duration
            from annotations in Selector.Where(static s => !s.ContainsKey("*"))
            select new AccessRequestConditions { Roles = roles, MaxDuration = maxDuration, Annotations = annotations })
        select new RoleConditions
        {
            Logins = logins,
            NodeLabels = nodeLabels,
            Rules = ValueList.Create<Rule>(rules),
            KubernetesGroups = groups,
            DatabaseLabels = dbLabels,
            NodeLabelsExpression = expression,
            Impersonate = impersonate,
            Request = request,
        };

    public static Gen<RoleOptions> Options { get; } =
        from forwardAgent in ArbMap.Default.GeneratorFor<bool>()
        from maxSessionTtl in Duration
        from portForwarding in Optional(ArbMap.Default.GeneratorFor<bool>())
        from idle in Duration
        from fileCopy in Optional(ArbMap.Default.GeneratorFor<bool>())
        from disconnect in ArbMap.Default.GeneratorFor<bool>()
        from record in Optional(
            from desktop in Optional(ArbMap.Default.GeneratorFor<bool>())
            from mode in Optional(Gen.Elements(SessionRecordingModes.BestEffort, SessionRecordingModes.Strict))
            from ssh in Optional(Gen.Elements(SessionRecordingModes.BestEffort, SessionRecordingModes.Strict))
            select new RecordSession { Desktop = desktop, Default = mode, Ssh = ssh })
        from forwarding in Optional(
            from local in Optional(ArbMap.Default.GeneratorFor<bool>())
            from remote in Optional(ArbMap.Default.GeneratorFor<bool>())
            select new SshPortForwarding { LocalEnabled = local, RemoteEnabled = remote })
        from maxSessions in Gen.Choose(0, 100)
        from mfa in Gen.Elements(Enum.GetValues<RequireMfaType>())
        from enhanced in Strings(Gen.Elements("command", "disk", "network"))
        from saml in Optional(ArbMap.Default.GeneratorFor<bool>())
        select new RoleOptions
        {
            ForwardAgent = forwardAgent,
            MaxSessionTtl = maxSessionTtl,
            PortForwarding = portForwarding,
            ClientIdleTimeout = idle,
            SshFileCopy = fileCopy,
            DisconnectExpiredCert = disconnect,
            RecordSession = record,
            SshPortForwarding = forwarding,
            MaxSessions = maxSessions,
            RequireSessionMfa = mfa,
            EnhancedRecording = enhanced,
            IdpSamlEnabled = saml,
        };

    public static Gen<Role> Role { get; } =
        from metadata in Metadata
        from version in Gen.Elements("v5", "v6", "v7")
        from options in Options
        from allow in Conditions
        from deny in Conditions
        select new Role { Version = version, Metadata = metadata, Spec = new RoleSpec { Options = options, Allow = allow, Deny = deny } };

    public static Gen<User> User { get; } =
        from metadata in Metadata
        from roles in Strings(Name)
        from traits in Gen.Choose(0, 3).SelectMany(count => Gen.Zip(Name, Strings(Text)).ArrayOf(count))
        from locked in ArbMap.Default.GeneratorFor<bool>()
        from lockedTime in Time
        from expires in Time
        select new User
        {
            Metadata = metadata,
            Spec = new UserSpec
            {
                Roles = roles,
                Traits = ValueMap.From(traits.DistinctBy(static pair => pair.Item1).ToDictionary(static pair => pair.Item1, static pair => pair.Item2, StringComparer.Ordinal)),
                Status = new LoginStatus { IsLocked = locked, LockedTime = lockedTime },
                Expires = expires,
            },
        };

    public static Gen<Server> Node { get; } =
        from metadata in Metadata
        from hostname in OptionalText
        from addr in OptionalText
        from labels in Gen.Choose(0, 2).SelectMany(count => Gen.Zip(Name, Gen.Zip(Strings(Text).Where(static c => !c.IsEmpty), Text)).ArrayOf(count))
        from period in Duration
        select new Server
        {
            Metadata = metadata,
            Spec = new ServerSpec
            {
                Hostname = hostname,
                Addr = addr,
                CmdLabels = ValueMap.From(labels.DistinctBy(static label => label.Item1).ToDictionary(
                    static label => label.Item1,
                    label => new CommandLabel { Period = period, Command = label.Item2.Item1, Result = label.Item2.Item2 },
                    StringComparer.Ordinal)),
            },
        };

    public static Gen<T?> Optional<T>(Gen<T> gen)
        where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(static value => (T?)value)));

    public static Gen<T?> Optional<T>(Gen<T> gen, bool valueType = true)
        where T : struct =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(static value => (T?)value)));
}
