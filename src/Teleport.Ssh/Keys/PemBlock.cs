using System.Security.Cryptography;

namespace Teleport.Ssh.Keys;

/// <summary>
/// One armored block of a key file: the label of its <c>-----BEGIN label-----</c> line, the
/// RFC 1421 headers that legacy encrypted PEM keys carry (<c>Proc-Type</c>, <c>DEK-Info</c>),
/// and the decoded contents, which the owner wipes with <see cref="Dispose"/>.
/// </summary>
internal sealed class PemBlock(string label, IReadOnlyDictionary<string, string> headers, byte[] data) : IDisposable
{
    public string Label { get; } = label;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    public byte[] Data { get; } = data;

    public void Dispose() => CryptographicOperations.ZeroMemory(Data);
}
