using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LambdaWorkflow.Local.Routing;

/// <summary>
/// <c>{"cidr": "10.0.0.0/24"}</c>: matches string leaves holding an IPv4 or IPv6 address inside the block.
/// IPv4 addresses must be dotted quads; an IPv6 leaf is parsed with <see cref="IPAddress"/>, which allocates.
/// </summary>
internal sealed class CidrMatcher : ValueMatcher
{
    private readonly byte[] _network;
    private readonly int _prefixLength;

    private CidrMatcher(byte[] network, int prefixLength)
    {
        _network = network;
        _prefixLength = prefixLength;
    }

    public override bool NeedsText => true;

    /// <summary>Compiles a block such as <c>10.0.0.0/24</c> or <c>2001:db8::/32</c>; null when it is not valid CIDR notation.</summary>
    /// <remarks>Host bits set in the address (<c>10.0.0.7/24</c>) are ignored.</remarks>
    public static CidrMatcher? TryCreate(string block)
    {
        var slash = block.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        Span<byte> address = stackalloc byte[16];
        if (!TryParseAddress(block.AsSpan(0, slash), address, out var size)
            || !int.TryParse(block.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefixLength)
            || prefixLength > size * 8)
        {
            return null;
        }

        return new CidrMatcher(address[..size].ToArray(), prefixLength);
    }

    public override bool Matches(in LeafValue value)
    {
        if (!value.IsString)
        {
            return false;
        }

        Span<byte> address = stackalloc byte[16];
        return TryParseAddress(value.Text, address, out var size)
            && size == _network.Length
            && InBlock(address[..size]);
    }

    private bool InBlock(ReadOnlySpan<byte> address)
    {
        var wholeBytes = _prefixLength / 8;
        if (!address[..wholeBytes].SequenceEqual(_network.AsSpan(0, wholeBytes)))
        {
            return false;
        }

        var remainingBits = _prefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (address[wholeBytes] & mask) == (_network[wholeBytes] & mask);
    }

    private static bool TryParseAddress(ReadOnlySpan<char> text, Span<byte> bytes, out int size)
    {
        size = 0;
        if (text.Contains(':'))
        {
            // Zone ids ("fe80::1%eth0") name an interface, not an address in a block.
            if (text.Contains('%')
                || !IPAddress.TryParse(text, out var address)
                || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            return address.TryWriteBytes(bytes, out size);
        }

        if (!TryParseIPv4(text, out var value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        size = 4;
        return true;
    }

    // Strict dotted quad; IPAddress.TryParse would also accept forms such as "10" or "10.1".
    private static bool TryParseIPv4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var parts = 0;
        while (true)
        {
            var dot = text.IndexOf('.');
            var part = dot < 0 ? text : text[..dot];
            if (part.Length is 0 or > 3
                || !byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
            {
                return false;
            }

            value = (value << 8) | octet;
            parts++;
            if (dot < 0)
            {
                return parts == 4;
            }

            if (parts == 4)
            {
                return false;
            }

            text = text[(dot + 1)..];
        }
    }
}
