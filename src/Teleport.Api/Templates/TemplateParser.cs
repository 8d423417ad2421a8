using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Teleport.Api.Rbac;

namespace Teleport.Api.Templates;

/// <summary>
/// Parses the expression between a template's braces: <c>namespace.name</c>,
/// <c>namespace["name"]</c>, <c>email.local(expr)</c>, <c>regexp.replace(expr, "re", "replacement")</c>,
/// with Go string literals (double-quoted with escapes, or back-quoted) as Teleport's Go parser reads them.
/// </summary>
internal ref struct TemplateParser
{
    private const int MaxDepth = 16;

    private readonly string _text;
    private int _position;
    private string? _problem;

    private TemplateParser(string text) => _text = text;

    public static bool TryParse(string text, [NotNullWhen(true)] out TemplateExpression? expression, [NotNullWhen(false)] out string? problem)
    {
        var parser = new TemplateParser(text);
        expression = parser.ParseExpression(0);
        if (expression is not null)
        {
            parser.SkipSpaces();
            if (parser._position < text.Length)
            {
                expression = null;
                parser._problem = $"unexpected \"{text[parser._position..]}\" after the expression";
            }
        }

        problem = parser._problem;
        return expression is not null;
    }

    private TemplateExpression? ParseExpression(int depth)
    {
        if (depth > MaxDepth)
        {
            return Fail("the expression nests too deeply");
        }

        SkipSpaces();
        if (_position >= _text.Length)
        {
            return Fail("the template is empty: write {{internal.name}} or {{external.name}}");
        }

        string? first = ReadIdentifier();
        if (first is null)
        {
            return Fail($"expected internal.name, external.name or a function at \"{_text[_position..]}\"");
        }

        SkipSpaces();
        if (Peek('['))
        {
            _position++;
            SkipSpaces();
            string? key = ReadString();
            if (key is null)
            {
                return null;
            }

            SkipSpaces();
            if (!Expect(']'))
            {
                return null;
            }

            return Variable(first, key);
        }

        if (!Expect('.'))
        {
            return null;
        }

        SkipSpaces();
        string? second = ReadIdentifier();
        if (second is null)
        {
            return Fail($"expected a name after \"{first}.\"");
        }

        SkipSpaces();
        if (!Peek('('))
        {
            return Variable(first, second);
        }

        _position++;
        string function = first + "." + second;
        switch (function)
        {
            case "email.local":
            {
                TemplateExpression? argument = ParseExpression(depth + 1);
                return argument is not null && ExpectClose(function) ? new EmailLocal(argument) : null;
            }

            case "regexp.replace":
            {
                TemplateExpression? argument = ParseExpression(depth + 1);
                if (argument is null || !ExpectComma(function))
                {
                    return null;
                }

                SkipSpaces();
                string? pattern = ReadString();
                if (pattern is null || !ExpectComma(function))
                {
                    return null;
                }

                SkipSpaces();
                string? replacement = ReadString();
                if (replacement is null || !ExpectClose(function))
                {
                    return null;
                }

                if (!LabelMatching.TryCompileRegex(pattern, out Regex? regex, out string? regexProblem))
                {
                    return Fail($"regexp.replace: {regexProblem}");
                }

                return new RegexpReplace(argument, regex, replacement);
            }

            default:
                return Fail($"unsupported function {function}() (supported: email.local, regexp.replace)");
        }
    }

    private TemplateExpression? Variable(string traitNamespace, string name)
    {
        switch (traitNamespace)
        {
            case "external":
                return name.Length == 0 ? Fail("a trait name must not be empty") : new TraitVariable(traitNamespace, name);
            case "internal":
                return TraitTemplate.InternalTraits.Contains(name)
                    ? new TraitVariable(traitNamespace, name)
                    : Fail($"unsupported variable internal.{name} (internal traits: {string.Join(", ", TraitTemplate.InternalTraits)}; use external.{name} for other traits)");
            default:
                return Fail($"unsupported namespace \"{traitNamespace}\": write internal.name or external.name");
        }
    }

    private bool ExpectComma(string function)
    {
        SkipSpaces();
        if (Peek(','))
        {
            _position++;
            return true;
        }

        Fail($"{function}() takes {(function == "regexp.replace" ? "3 arguments: (trait, \"expression\", \"replacement\")" : "1 argument")}");
        return false;
    }

    private bool ExpectClose(string function)
    {
        SkipSpaces();
        if (Peek(')'))
        {
            _position++;
            return true;
        }

        Fail(_position < _text.Length && _text[_position] == ','
            ? $"{function}() takes {(function == "regexp.replace" ? "3 arguments" : "1 argument")}"
            : $"expected ')' to close {function}(");
        return false;
    }

    private bool Expect(char c)
    {
        if (Peek(c))
        {
            _position++;
            return true;
        }

        Fail(_position < _text.Length
            ? $"expected '{c}' at \"{_text[_position..]}\""
            : $"expected '{c}' at the end");
        return false;
    }

    private readonly bool Peek(char c) => _position < _text.Length && _text[_position] == c;

    private void SkipSpaces()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private string? ReadIdentifier()
    {
        int start = _position;
        while (_position < _text.Length
            && (char.IsAsciiLetter(_text[_position]) || _text[_position] == '_' || (_position > start && char.IsAsciiDigit(_text[_position]))))
        {
            _position++;
        }

        return _position == start ? null : _text[start.._position];
    }

    /// <summary>A Go string literal: <c>"..."</c> with backslash escapes, or <c>`...`</c> taken as is.</summary>
    private string? ReadString()
    {
        if (Peek('`'))
        {
            int end = _text.IndexOf('`', _position + 1);
            if (end < 0)
            {
                Fail("a string opened with ` is not closed");
                return null;
            }

            string raw = _text[(_position + 1)..end];
            _position = end + 1;
            return raw;
        }

        if (!Peek('"'))
        {
            Fail(_position < _text.Length ? $"expected a quoted string at \"{_text[_position..]}\"" : "expected a quoted string at the end");
            return null;
        }

        var value = new StringBuilder();
        _position++;
        while (_position < _text.Length)
        {
            char c = _text[_position++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            char escape = _text[_position++];
            switch (escape)
            {
                case '"' or '\\' or '\'':
                    value.Append(escape);
                    break;
                case 'n':
                    value.Append('\n');
                    break;
                case 't':
                    value.Append('\t');
                    break;
                case 'r':
                    value.Append('\r');
                    break;
                case 'u' when _position + 4 <= _text.Length
                    && int.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code):
                    value.Append((char)code);
                    _position += 4;
                    break;
                default:
                    Fail($"unknown escape \\{escape} in a quoted string");
                    return null;
            }
        }

        Fail("a quoted string is not closed");
        return null;
    }

    private TemplateExpression? Fail(string problem)
    {
        _problem ??= problem;
        return null;
    }
}
