using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SecureAccess.Security;

namespace SecureAccess.Gateway.Operators;

/// Who is calling, by `X-Operator-Key`. Keys are compared as SHA-256 digests with
/// `FixedTimeEquals`, every configured key every time, so neither the key's length nor which key
/// matched shows in the time taken. A key marked `DEVELOPMENT-ONLY:` is presented without the marker.
public sealed class OperatorAuthentication
{
    public const string Header = "X-Operator-Key";
    private readonly (byte[] Digest, HashSet<string> Roles, string Name)[] _keys;

    public OperatorAuthentication(IOptions<OperatorOptions> options)
    {
        _keys = options.Value.Keys.Select((k, i) => (Digest(Presented(k.Key)), ParseRoles(k.Roles).ToHashSet(), string.IsNullOrWhiteSpace(k.Name) ? $"operator-key-{i}" : k.Name.Trim()))
            .ToArray();
    }

    public OperatorIdentity? Authenticate(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || _keys.Length == 0) return null;
        var digest = Digest(presented);
        var found = -1;
        for (var i = 0; i < _keys.Length; i++)
        {
            // No early exit: the time does not depend on which key matched.
            if (CryptographicOperations.FixedTimeEquals(digest, _keys[i].Digest)) found = i;
        }
        return found < 0 ? null : new OperatorIdentity(_keys[found].Name, _keys[found].Roles);
    }

    /// The value a client sends for a configured key: without the development marker.
    public static string Presented(string configured) =>
        KeyMaterial.IsDevelopmentKey(configured) ? configured[(SecretKeysOptions.DevelopmentMarker.Length + 1)..] : configured;

    public static IEnumerable<string> ParseRoles(string roles) =>
        roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => r.ToLowerInvariant());

    /// The development key of appsettings.Development.json, if configured, as a client presents it.
    public static string? DevelopmentKey(IConfiguration configuration) =>
        configuration.GetSection(OperatorOptions.Section).Get<OperatorOptions>()?.Keys
            .Select(k => k.Key).FirstOrDefault(KeyMaterial.IsDevelopmentKey) is { } key ? Presented(key) : null;

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

public sealed record OperatorIdentity(string Name, IReadOnlySet<string> Roles);
