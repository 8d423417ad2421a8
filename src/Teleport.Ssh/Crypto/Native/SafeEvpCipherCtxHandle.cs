using System.Runtime.InteropServices;

namespace Teleport.Ssh.Crypto.Native;

internal sealed class SafeEvpCipherCtxHandle : SafeHandle
{
    public SafeEvpCipherCtxHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        // EVP_CIPHER_CTX_free also cleanses the key schedule.
        LibCrypto.EvpCipherCtxFree(handle);
        return true;
    }
}
