using System.Runtime.InteropServices;

namespace Teleport.Ssh.Crypto.Native;

internal sealed class SafeEvpPkeyHandle : SafeHandle
{
    public SafeEvpPkeyHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LibCrypto.EvpPkeyFree(handle);
        return true;
    }
}
