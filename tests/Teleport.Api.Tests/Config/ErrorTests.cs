using Teleport.Api.Config;
using Teleport.Api.Types;

namespace Teleport.Api.Tests.Config;

/// <summary>Every kind of mistake is refused with the field's path and where it is in the file.</summary>
public sealed class ErrorTests
{
    public static TheoryData<string, string> Cases => new()
    {
        // The version.
        { "teleport:\n  nodename: a\n", "line 1, column 1: version: the configuration has no version: this implementation reads Teleport's v3 format (add \"version: v3\" as the first line)" },
        { "version: v2\n", "line 1, column 1: version: version v2 is not supported: this implementation reads Teleport's v3 format (write version: v3; v3 replaces auth_servers with auth_server or proxy_server)" },
        { "version: v1\n", "line 1, column 1: version: version v1 is not supported: this implementation reads Teleport's v3 format (write version: v3; v3 replaces auth_servers with auth_server or proxy_server)" },
        { "version: v4\n", "line 1, column 1: version: unknown version \"v4\": write version: v3" },
        { "versoin: v3\n", "line 1, column 1: versoin: unknown key \"versoin\" in teleport.yaml (did you mean version?)" },
        { "", "the configuration is empty: it needs at least \"version: v3\"" },
        { "- version: v3\n", "line 1, column 1: expected the configuration (a mapping with version, teleport, auth_service, ssh_service, proxy_service), found a list" },
        { "version: v3\n---\nversion: v3\n", "line 3, column 1: teleport.yaml holds one YAML document: remove the '---' and what follows it" },

        // Unknown keys, with a suggestion when the key is a near miss.
        {
            "version: v3\nteleport:\n  nodename: a\nauth_service:\n  enabled: yes\n\nssh_servise:\n  enabled: yes\n",
            "line 7, column 1: ssh_servise: unknown key \"ssh_servise\" in teleport.yaml (did you mean ssh_service?)"
        },
        { "version: v3\nssh_service:\n  listen_adr: 0.0.0.0:3022\n", "line 3, column 3: ssh_service.listen_adr: unknown key \"listen_adr\" in ssh_service (did you mean listen_addr?)" },
        { "version: v3\nteleport:\n  log:\n    severty: info\n", "line 4, column 5: teleport.log.severty: unknown key \"severty\" in teleport.log (did you mean severity?)" },
        { "version: v3\nfrobnicate: true\n", "line 2, column 1: frobnicate: unknown key \"frobnicate\" in teleport.yaml" },
        { "version: v3\nssh_service:\n  commands:\n  - name: a\n    comand: [ls]\n", "line 5, column 5: ssh_service.commands[0].comand: unknown key \"comand\" in ssh_service.commands[0] (did you mean command?)" },
        { "version: v3\nteleport:\n  nodename: a\n  nodename: b\n", "line 4, column 3: teleport.nodename: the field nodename appears twice" },

        // Keys Teleport has that are not implemented.
        { "version: v3\nteleport:\n  pid_file: /run/teleport.pid\n", "line 3, column 3: teleport.pid_file: pid_file is not supported by this implementation yet: remove it" },
        { "version: v3\napp_service:\n  enabled: yes\n", "line 2, column 1: app_service: app_service is not supported by this implementation yet: remove the section or set enabled: no in it" },
        { "version: v3\nssh_service:\n  pam:\n    enabled: yes\n", "line 3, column 3: ssh_service.pam: pam is not supported by this implementation yet: remove the section or set enabled: no in it" },
        { "version: v3\nssh_service:\n  pam:\n    enabled: maybe\n", "line 4, column 5: ssh_service.pam.enabled: \"maybe\" is not yes or no (write yes, no, true or false)" },
        { "version: v3\nauth_service:\n  authentication:\n    type: github\n", "line 4, column 5: auth_service.authentication.type: github authentication is not supported by this implementation yet: write type: local" },
        { "version: v3\nauth_service:\n  authentication:\n    second_factor: webauthn\n", "line 4, column 5: auth_service.authentication.second_factor: second_factor webauthn is not supported by this implementation yet: write otp, on, optional or off" },
        { "version: v3\nauth_service:\n  proxy_listener_mode: tls\n", "line 3, column 3: auth_service.proxy_listener_mode: \"tls\" is not a proxy listener mode: write separate or multiplex" },
        { "version: v3\nteleport:\n  storage:\n    type: dynamodb\n", "line 4, column 5: teleport.storage.type: the dynamodb backend is not supported by this implementation: write sqlite, or postgresql for high availability" },
        { "version: v3\nteleport:\n  log:\n    output: syslog\n", "line 4, column 5: teleport.log.output: syslog output is not supported by this implementation yet: write stderr (journald keeps it) or a file path" },
        { "version: v3\nteleport:\n  join_params:\n    token_name: x\n    method: iam\n", "line 5, column 5: teleport.join_params.method: the iam join method is not supported by this implementation yet: write method: token" },

        // Types.
        { "version: v3\nteleport: /var/lib/teleport\n", "line 2, column 1: teleport: expected a mapping of fields, found \"/var/lib/teleport\"" },
        { "version: v3\nteleport:\n  nodename: [a, b]\n", "line 3, column 3: teleport.nodename: expected text, found a list" },
        { "version: v3\nssh_service:\n  enabled: maybe\n", "line 3, column 3: ssh_service.enabled: \"maybe\" is not yes or no (write yes, no, true or false)" },
        { "version: v3\nssh_service:\n  labels: [env, prod]\n", "line 3, column 3: ssh_service.labels: expected a mapping, found a list" },
        { "version: v3\nssh_service:\n  labels:\n    env: [a, b]\n", "line 4, column 10: ssh_service.labels.env: expected text, found a list" },
        { "version: v3\nssh_service:\n  commands:\n  - name: up\n    command: uptime\n    period: 1m\n", "line 5, column 5: ssh_service.commands[0].command: expected a list, found \"uptime\"" },
        { "version: v3\nssh_service:\n  commands:\n  - name: up\n    command: [uptime]\n    period: 1 minute\n", "line 6, column 5: ssh_service.commands[0].period: \"1 minute\" is not a duration (write it like 8h, 30m, 1h30m or 90s)" },
        { "version: v3\nauth_service:\n  tokens: \"node:abc\"\n", "line 3, column 3: auth_service.tokens: expected a list of \"roles:secret\" texts, found \"node:abc\"" },
        { "version: v3\nproxy_service:\n  public_addr: {host: a}\n", "line 3, column 3: proxy_service.public_addr: expected text or a list of texts, found a mapping" },
        { "version: v3\nteleport:\n  log:\n    severity: loud\n", "line 4, column 5: teleport.log.severity: \"loud\" is not a severity: write DEBUG, INFO, WARN or ERROR" },
        { "version: v3\nteleport:\n  log:\n    format:\n      output: xml\n", "line 5, column 7: teleport.log.format.output: \"xml\" is not a log format: write text or json" },
        { "version: v3\nteleport:\n  log:\n    format:\n      extra_fields: [timestamp, pid]\n", "line 5, column 33: teleport.log.format.extra_fields[1]: unknown log field \"pid\": write any of timestamp, level, component, caller" },
        { "version: v3\nauth_service:\n  session_recording: everywhere\n", "line 3, column 3: auth_service.session_recording: \"everywhere\" is not a recording mode: write node, node-sync, proxy, proxy-sync or off" },
        { "version: v3\nauth_service:\n  authentication:\n    second_factor: always\n", "line 4, column 5: auth_service.authentication.second_factor: \"always\" is not a second factor: write otp, on, optional or off" },
        { "version: v3\nteleport:\n  storage:\n    type: mysql\n", "line 4, column 5: teleport.storage.type: unknown storage type \"mysql\": write sqlite, or postgresql for high availability" },

        // Addresses.
        { "version: v3\nauth_service:\n  listen_addr: 0.0.0.0:99999\n", "line 3, column 3: auth_service.listen_addr: \"0.0.0.0:99999\" is not an address: the port \"99999\" must be a number from 0 to 65535" },
        { "version: v3\nssh_service:\n  listen_addr: \"host:\"\n", "line 3, column 3: ssh_service.listen_addr: \"host:\" is not an address: the port after ':' is missing" },
        { "version: v3\nproxy_service:\n  web_listen_addr: ::1:3080\n", "line 3, column 3: proxy_service.web_listen_addr: \"::1:3080\" is not an address: write an IPv6 address in brackets, like [::1]:3025" },
        { "version: v3\nproxy_service:\n  public_addr: [ok.example.com, \"bad host\"]\n", "line 3, column 33: proxy_service.public_addr[1]: \"bad host\" is not an address: \"bad host\" is not a host name or IP address" },
        { "version: v3\nteleport:\n  diag_addr: 127.0.0.1\n", "line 3, column 3: teleport.diag_addr: \"127.0.0.1\" is not an address: a port is required, like 127.0.0.1:3000" },
        { "version: v3\nteleport:\n  auth_server: ftp://auth:3025\n", "line 3, column 3: teleport.auth_server: \"ftp://auth:3025\" is not an address: the scheme \"ftp\" is not supported (write host:port)" },

        // Tokens.
        { "version: v3\nauth_service:\n  tokens:\n  - \"node:a\"\n  - xyz\n", "line 5, column 5: auth_service.tokens[1]: \"xyz\" is not a token: write roles:secret, like \"node:xyz\" or \"node,proxy:xyz\"" },
        { "version: v3\nauth_service:\n  tokens:\n  - \"web:abc\"\n", "line 4, column 5: auth_service.tokens[0]: \"web:abc\" is not a token: \"web\" is not a role a token can grant (write node, proxy, auth, ...)" },
        { "version: v3\nauth_service:\n  tokens:\n  - \"node:\"\n", "line 4, column 5: auth_service.tokens[0]: \"node:\" is not a token: the secret after ':' is empty" },

        // Values that only make sense with others.
        { "version: v3\nteleport:\n  auth_servers: [a:3025]\n", "line 3, column 3: teleport.auth_servers: auth_servers is the v1/v2 form: in v3 write auth_server: <host:3025> for an Auth service, or proxy_server: <host:3080> to join through a Proxy" },
        { "version: v3\nteleport:\n  auth_server: a\n  proxy_server: b\nproxy_service:\n  enabled: no\n", "line 4, column 3: teleport.proxy_server: only one of auth_server and proxy_server may be set: auth_server joins an Auth service directly, proxy_server joins through a Proxy" },
        { "version: v3\nteleport:\n  proxy_server: b\n", "line 3, column 3: teleport.proxy_server: proxy_server cannot be set when this process runs the proxy service: disable proxy_service (enabled: no) or remove proxy_server" },
        { "version: v3\nteleport:\n  auth_token: a\n  join_params:\n    token_name: b\n    method: token\n", "line 3, column 3: teleport.auth_token: auth_token and join_params both give a join token: keep join_params.token_name (auth_token is the older form)" },
        { "version: v3\nteleport:\n  join_params:\n    token_name: b\n", "line 3, column 3: teleport.join_params.method: a join method is required: write method: token" },
        { "version: v3\nteleport:\n  ca_pin: [\"sha256:abc\"]\n", "line 3, column 12: teleport.ca_pin[0]: \"sha256:abc\" is not a CA pin: write sha256: and 64 hex digits, as tctl status prints it (or a path to a file of pins)" },
        { "version: v3\nteleport:\n  storage:\n    type: postgresql\n", "line 4, column 5: teleport.storage.type: a postgresql backend needs conn_string, e.g. postgresql://teleport@db.example.com:5432/teleport_backend" },
        { "version: v3\nteleport:\n  storage:\n    type: sqlite\n    conn_string: postgresql://db\n", "line 5, column 5: teleport.storage.conn_string: conn_string is for type: postgresql; a sqlite backend takes a path" },
        { "version: v3\nssh_service:\n  labels:\n    \"bad key\": x\n", "line 4, column 5: ssh_service.labels[\"bad key\"]: \"bad key\" is not a label name: use letters, digits and / . _ : * -" },
        { "version: v3\nssh_service:\n  labels:\n    up: yes\n  commands:\n  - name: up\n    command: [uptime]\n    period: 1m\n", "line 6, column 5: ssh_service.commands[0].name: the label up is both in labels and in commands: give it one value" },
        { "version: v3\nssh_service:\n  commands:\n  - name: up\n    command: [uptime]\n", "line 4, column 5: ssh_service.commands[0].period: a command label needs a period longer than zero, like 1m or 1h" },
        { "version: v3\nssh_service:\n  commands:\n  - command: [uptime]\n    period: 1m\n", "line 4, column 5: ssh_service.commands[0].name: a command label needs a name: the label's key" },
        { "version: v3\nproxy_service:\n  https_keypairs:\n  - key_file: /k\n", "line 4, column 5: proxy_service.https_keypairs[0].cert_file: a key pair needs cert_file, the PEM certificate chain" },

        // Broken YAML.
        { "version: v3\nteleport:\n  nodename: [a\n", "line 4, column 1: not valid YAML: While parsing a flow sequence, did not find expected ',' or ']'." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MistakesAreRefusedWithTheirPosition(string yaml, string message)
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() => TeleportConfig.Parse(yaml, Hosts.Root));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void TheExceptionCarriesPathLineAndColumn()
    {
        ResourceValidationException e = Assert.Throws<ResourceValidationException>(() =>
            TeleportConfig.Parse("version: v3\nproxy_service:\n  web_listen_addr: nowhere:x\n", Hosts.Root));

        Assert.Equal("proxy_service.web_listen_addr", e.FieldPath);
        Assert.Equal(3, e.Line);
        Assert.Equal(3, e.Column);
        Assert.Equal("\"nowhere:x\" is not an address: the port \"x\" must be a number from 0 to 65535", e.Problem);
    }

    [Theory]
    [InlineData("ssh_servise", "ssh_service", 1)]
    [InlineData("listen_adr", "listen_addr", 1)]
    [InlineData("nodname", "nodename", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("kitten", "sitting", 3)]
    public void EditDistance(string left, string right, int distance)
    {
        Assert.Equal(distance, ConfigKeys.EditDistance(left, right));
    }
}
