using System.Runtime.InteropServices;

namespace Teleport.Ssh.Crypto.Native;

internal sealed class SafeDhHandle : SafeHandle
{
    public SafeDhHandle() : base(nint.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        LibCrypto.DhFree(handle);
        return true;
    }
}
