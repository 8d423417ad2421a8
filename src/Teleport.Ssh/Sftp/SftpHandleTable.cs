using System.Buffers.Binary;

namespace Teleport.Ssh.Sftp;

/// <summary>
/// The open handles of one session, at most a fixed number. A handle string is 8 bytes: the slot
/// index and the slot's generation, so a stale handle whose slot was reused is refused rather
/// than acting on another file.
/// </summary>
internal sealed class SftpHandleTable : IDisposable
{
    public const int HandleLength = 8;

    private readonly SftpHandle?[] _slots;
    private readonly uint[] _generations;
    private int _count;

    public SftpHandleTable(int capacity)
    {
        _slots = new SftpHandle?[capacity];
        _generations = new uint[capacity];
    }

    public int Count => _count;

    /// <summary>Stores the handle and writes its 8-byte name; false when the table is full.</summary>
    public bool TryAdd(SftpHandle handle, Span<byte> name)
    {
        int index = Array.IndexOf(_slots, null);
        if (index < 0)
        {
            return false;
        }

        _slots[index] = handle;
        _count++;
        BinaryPrimitives.WriteUInt32BigEndian(name, (uint)index);
        BinaryPrimitives.WriteUInt32BigEndian(name[4..], _generations[index]);
        return true;
    }

    public SftpHandle? Find(ReadOnlySpan<byte> name) => TryIndex(name, out int index) ? _slots[index] : null;

    /// <summary>Takes the handle out of the table; the caller disposes it.</summary>
    public SftpHandle? Remove(ReadOnlySpan<byte> name)
    {
        if (!TryIndex(name, out int index))
        {
            return null;
        }

        SftpHandle? handle = _slots[index];
        _slots[index] = null;
        _generations[index]++;
        _count--;
        return handle;
    }

    public void Dispose()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i]?.Dispose();
            _slots[i] = null;
        }

        _count = 0;
    }

    private bool TryIndex(ReadOnlySpan<byte> name, out int index)
    {
        index = -1;
        if (name.Length != HandleLength)
        {
            return false;
        }

        uint slot = BinaryPrimitives.ReadUInt32BigEndian(name);
        if (slot >= (uint)_slots.Length || _slots[slot] is null || _generations[slot] != BinaryPrimitives.ReadUInt32BigEndian(name[4..]))
        {
            return false;
        }

        index = (int)slot;
        return true;
    }
}
