using Teleport.Auth.Identity;

namespace Teleport.Auth.Tests.Identity;

public sealed class PasswordHasherTests
{
    private readonly PasswordHasher _hasher = new(iterations: 1000);

    [Fact]
    public void Verifies_the_right_password_only()
    {
        string hash = _hasher.Hash("correct horse battery staple");
        Assert.StartsWith("$pbkdf2-sha512$i=1000$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse battery staple", hash));
        Assert.False(PasswordHasher.Verify("correct horse battery stapl", hash));
    }

    [Fact]
    public void Equal_passwords_hash_differently()
    {
        Assert.NotEqual(_hasher.Hash("same password!"), _hasher.Hash("same password!"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$pbkdf2-sha512$i=1000$AAAA")]
    [InlineData("$pbkdf2-sha512$i=99999999999$AAAA$BBBB")]
    [InlineData("$bcrypt$i=1000$AAAA$BBBB")]
    [InlineData("$pbkdf2-sha512$i=1000$!!!$BBBB")]
    public void Malformed_hashes_never_verify(string stored) => Assert.False(PasswordHasher.Verify("anything", stored));
}
