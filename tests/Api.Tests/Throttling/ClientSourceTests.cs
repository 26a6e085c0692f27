using System.Net;
using SecureAccess.Common;

namespace SecureAccess.Api.Tests.Throttling;

/// Issue 11: a source is an IPv4 address or an IPv6 /64.
public sealed class ClientSourceTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void Addresses_map_to_their_source(string address, string source) =>
        Assert.Equal(source, GrainKeys.Source(IPAddress.Parse(address)));

    [Fact]
    public void No_address_is_the_unknown_source() => Assert.Equal("unknown", GrainKeys.Source(null));
}
