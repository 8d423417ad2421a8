using System.Buffers.Binary;
using System.Text;

namespace Teleport.Ssh.Tests.Keys;

/// <summary>
/// Seeded mutations of valid inputs, for the parser property tests: real keys, certificates and
/// lines, damaged the ways files and peers damage them (flipped bits, truncation, length fields
/// made huge or off by one, bytes inserted or removed, quotes and separators moved), so the
/// parsers are exercised deep inside their structure rather than rejecting noise at byte 0.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly uint[] InterestingLengths = [0, 1, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0x7fff_ffff, 0x8000_0000, 0xffff_fffe, 0xffff_ffff];
    private static readonly string SpecialCharacters = "\"\\,= \t#@|![]*?:\r\n\0é";

    private readonly Random _random = new(seed);

    public int Next(int maxValue) => _random.Next(maxValue);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>Picks by weight, so that seeds that are costly to parse (RSA, ECDSA) come up less often.</summary>
    public T Pick<T>(IReadOnlyList<(T Item, int Weight)> items)
    {
        int choice = _random.Next(items.Sum(item => item.Weight));
        foreach ((T item, int weight) in items)
        {
            choice -= weight;
            if (choice < 0)
            {
                return item;
            }
        }

        throw new InvalidOperationException("no items to pick from");
    }

    /// <summary>One to four byte-level mutations of a copy of <paramref name="input"/>.</summary>
    public byte[] Mutate(ReadOnlySpan<byte> input)
    {
        var bytes = new List<byte>(input.ToArray());
        int count = 1 + _random.Next(4);
        for (int i = 0; i < count; i++)
        {
            MutateOnce(bytes);
        }

        return [.. bytes];
    }

    /// <summary>One to three character-level mutations of a copy of <paramref name="text"/>.</summary>
    public string Mutate(string text)
    {
        var builder = new StringBuilder(text);
        int count = 1 + _random.Next(3);
        for (int i = 0; i < count; i++)
        {
            int position = builder.Length == 0 ? 0 : _random.Next(builder.Length);
            switch (_random.Next(7))
            {
                case 0:
                    builder.Insert(position, SpecialCharacters[_random.Next(SpecialCharacters.Length)]);
                    break;
                case 1 when builder.Length > 0:
                    builder.Remove(position, Math.Min(builder.Length - position, 1 + _random.Next(8)));
                    break;
                case 2 when builder.Length > 0:
                    builder[position] = SpecialCharacters[_random.Next(SpecialCharacters.Length)];
                    break;
                case 3 when builder.Length > 0:
                    builder[position] = (char)('0' + _random.Next(75));
                    break;
                case 4:
                    builder.Length = position;
                    break;
                case 5 when builder.Length > 0:
                {
                    int length = Math.Min(builder.Length - position, 1 + _random.Next(16));
                    builder.Insert(_random.Next(builder.Length), builder.ToString(position, length));
                    break;
                }

                default:
                    builder.Insert(position, (char)_random.Next(0x20, 0x7f));
                    break;
            }
        }

        return builder.ToString();
    }

    private void MutateOnce(List<byte> bytes)
    {
        if (bytes.Count == 0)
        {
            bytes.Add((byte)_random.Next(256));
            return;
        }

        int position = _random.Next(bytes.Count);
        switch (_random.Next(8))
        {
            case 0:
                bytes[position] ^= (byte)(1 << _random.Next(8));
                break;
            case 1:
                bytes[position] = (byte)_random.Next(256);
                break;
            case 2:
                bytes.RemoveRange(position, bytes.Count - position);
                break;
            case 3:
                bytes.RemoveRange(position, Math.Min(bytes.Count - position, 1 + _random.Next(16)));
                break;
            case 4:
                for (int i = _random.Next(1, 8); i > 0; i--)
                {
                    bytes.Insert(position, (byte)_random.Next(256));
                }

                break;
            case 5:
                SetUInt32(bytes, position, InterestingLengths[_random.Next(InterestingLengths.Length)]);
                break;
            default:
                MutateLengthField(bytes);
                break;
        }
    }

    /// <summary>Finds a uint32 that looks like an SSH string length (it fits what follows) and breaks it.</summary>
    private void MutateLengthField(List<byte> bytes)
    {
        var candidates = new List<int>();
        byte[] array = [.. bytes];
        for (int offset = 0; offset + 4 <= array.Length; offset++)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(array.AsSpan(offset));
            if (length is > 0 and < 100_000 && length <= (uint)(array.Length - offset - 4))
            {
                candidates.Add(offset);
            }
        }

        if (candidates.Count == 0)
        {
            return;
        }

        int chosen = candidates[_random.Next(candidates.Count)];
        uint original = BinaryPrimitives.ReadUInt32BigEndian(array.AsSpan(chosen));
        uint replacement = _random.Next(4) switch
        {
            0 => original + 1,
            1 => original - 1,
            2 => (uint)(array.Length - chosen - 4 + 1),
            _ => InterestingLengths[_random.Next(InterestingLengths.Length)],
        };
        SetUInt32(bytes, chosen, replacement);
    }

    private static void SetUInt32(List<byte> bytes, int position, uint value)
    {
        for (int i = 0; i < 4 && position + i < bytes.Count; i++)
        {
            bytes[position + i] = (byte)(value >> (24 - (8 * i)));
        }
    }
}
