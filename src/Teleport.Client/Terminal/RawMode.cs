namespace Teleport.Client.Terminal;

/// <summary>Raw mode on stdin until disposed; restoring is idempotent so every exit path may call it.</summary>
public sealed class RawMode : IDisposable
{
    private readonly byte[] _saved;
    private int _restored;

    internal RawMode(byte[] saved) => _saved = saved;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 0)
        {
            _ = TerminalNative.TcSetAttr(TerminalNative.StdinFileno, TerminalNative.TCSANOW, _saved);
        }
    }
}
