using System.Runtime.InteropServices;

namespace Teleport.Ssh.Crypto.Native;

internal sealed class SafeEvpMacCtxHandle : SafeHandle
{
    public SafeEvpMacCtxHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LibCrypto.EvpMacCtxFree(handle);
        return true;
    }
}
