using System.Diagnostics;
using Teleport.Ssh.Crypto;
using Teleport.Ssh.Crypto.Native;

namespace Teleport.Ssh.Tests.Keys;

public sealed class BcryptPbkdfTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("Teleport")]
    [InlineData("a key of exactly seventy-two bytes, which is Blowfish's longest key!!!!")]
    [InlineData("a key longer than seventy-two bytes: BF_set_key and expand0state both stop using bytes past 72")]
    public unsafe void Initial_state_from_pi_gives_the_same_key_schedule_as_OpenSSL(string keyText)
    {
        byte[] key = System.Text.Encoding.UTF8.GetBytes(keyText);

        // Ours: Blowfish_initstate (the computed digits of pi), then the standard key schedule.
        uint[] ours = new uint[EksBlowfish.StateWords];
        EksBlowfish.InitState(ours);
        EksBlowfish.Expand0State(ours, key.AsSpan(0, Math.Min(key.Length, 72)));

        // OpenSSL's: BF_set_key over its own compiled-in table.
        uint[] theirs = new uint[EksBlowfish.StateWords];
        fixed (uint* k = theirs)
        fixed (byte* d = key)
        {
            LibCrypto.BfSetKey(k, Math.Min(key.Length, 72), d);
        }

        Assert.Equal(theirs, ours);

        uint[] block = [0x01234567, 0x89abcdef];
        uint[] expected = (uint[])block.Clone();
        EksBlowfish.Encrypt(ours, block);
        fixed (uint* k = theirs)
        fixed (uint* b = expected)
        {
            LibCrypto.BfEncrypt(b, k);
        }

        Assert.Equal(expected, block);
    }

    [Fact]
    public void Initial_state_starts_with_the_fraction_of_pi()
    {
        // Schneier's P1 and the first S-box word, the only digits quoted here.
        Assert.Equal(0x243F6A88u, BlowfishInitialState.State[0]);
        Assert.Equal(0xD1310BA6u, BlowfishInitialState.State[18]);
    }

    [Fact]
    public void Derivation_is_deterministic_and_depends_on_every_input()
    {
        byte[] salt = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        byte[] first = Derive("password", salt, 2, 48);
        Assert.Equal(first, Derive("password", salt, 2, 48));
        Assert.NotEqual(first, Derive("passwore", salt, 2, 48));
        Assert.NotEqual(first, Derive("password", [.. salt[..^1], 17], 2, 48));
        Assert.NotEqual(first, Derive("password", salt, 3, 48));

        // The stride spreads the blocks over the output: a 48-byte key takes its even bytes from
        // the first block and its odd bytes from the second; a 32-byte key is the first block.
        byte[] shorter = Derive("password", salt, 2, 32);
        for (int i = 0; i < 24; i++)
        {
            Assert.Equal(shorter[i], first[2 * i]);
        }

        Assert.NotEqual(first[1], shorter[1]);
    }

    [Fact]
    public void Sixteen_rounds_for_an_aes256_ctr_key_take_well_under_a_second()
    {
        var stopwatch = Stopwatch.StartNew();
        Derive("password", new byte[16], 16, 48);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
    }

    private static byte[] Derive(string password, byte[] salt, uint rounds, int length)
    {
        byte[] output = new byte[length];
        BcryptPbkdf.DeriveKey(System.Text.Encoding.UTF8.GetBytes(password), salt, rounds, output);
        return output;
    }
}
