using Teleport.Api.ReverseTunnel;

namespace Teleport.Api.Tests.ReverseTunnel;

public sealed class TransportRequestTests
{
    [Fact]
    public void Target_and_client_address_survive_the_round_trip()
    {
        var request = new TransportRequest("6f1c0b9e-0d7c-4a3e-9a55-2f0e7e0b8f11:0", "192.0.2.7:51234");

        Assert.Equal(request, TransportRequest.Read(request.Write()));
    }

    [Fact]
    public void The_wire_form_is_two_ssh_strings()
    {
        byte[] data = new TransportRequest("@remote-auth-server", string.Empty).Write();

        Assert.Equal([0, 0, 0, 19, .. "@remote-auth-server"u8.ToArray(), 0, 0, 0, 0], data);
    }

    [Fact]
    public void A_missing_client_address_reads_as_empty()
    {
        byte[] data = [0, 0, 0, 1, (byte)'x'];

        Assert.Equal(new TransportRequest("x", string.Empty), TransportRequest.Read(data));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0, 0, 0, 9, (byte)'x' })]
    [InlineData(new byte[] { 0, 0, 16, 1 })]
    public void Malformed_extra_data_is_refused(byte[] data)
    {
        Assert.Null(TransportRequest.Read(data));
    }
}
