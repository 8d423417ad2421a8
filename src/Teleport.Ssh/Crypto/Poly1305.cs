using Teleport.Ssh.Crypto.Native;

namespace Teleport.Ssh.Crypto;

/// <summary>Poly1305 (RFC 8439 §2.5) from libcrypto's EVP_MAC, re-keyed for every message.</summary>
internal sealed class Poly1305 : IDisposable
{
    public const int KeySize = 32;
    public const int TagSize = 16;

    private readonly nint _mac;
    private readonly SafeEvpMacCtxHandle _context;

    public Poly1305()
    {
        _mac = LibCrypto.EvpMacFetch(0, "POLY1305", 0);
        LibCrypto.Check(_mac != 0, "Poly1305 fetch");
        _context = LibCrypto.EvpMacCtxNew(_mac);
        LibCrypto.Check(!_context.IsInvalid, "Poly1305 context");
    }

    /// <summary>Computes the one-time tag of <paramref name="data"/> under <paramref name="oneTimeKey"/>.</summary>
    public unsafe void Compute(ReadOnlySpan<byte> oneTimeKey, ReadOnlySpan<byte> data, Span<byte> tag)
    {
        fixed (byte* k = oneTimeKey)
        fixed (byte* d = data)
        fixed (byte* t = tag)
        {
            bool ok = LibCrypto.EvpMacInit(_context, k, KeySize, 0) == 1
                && LibCrypto.EvpMacUpdate(_context, d, (nuint)data.Length) == 1
                && LibCrypto.EvpMacFinal(_context, t, out nuint length, TagSize) == 1
                && length == TagSize;
            LibCrypto.Check(ok, "Poly1305");
        }
    }

    public void Dispose()
    {
        _context.Dispose();
        LibCrypto.EvpMacFree(_mac);
    }
}
