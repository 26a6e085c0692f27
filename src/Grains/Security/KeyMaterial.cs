namespace SecureAccess.Security;

public static class KeyMaterial
{
    /// Accepts base64 with an optional "DEVELOPMENT-ONLY:" prefix that marks a key shipped for dev mode.
    public static byte[] Decode(string configured, string name)
    {
        var value = configured.StartsWith(SecretKeysOptions.DevelopmentMarker + ":", StringComparison.Ordinal)
            ? configured[(SecretKeysOptions.DevelopmentMarker.Length + 1)..]
            : configured;
        byte[] key;
        try { key = Convert.FromBase64String(value); }
        catch (FormatException) { throw new InvalidOperationException($"Configuration SecureAccess:Keys:{name} is not base64."); }
        if (key.Length < 32) throw new InvalidOperationException($"Configuration SecureAccess:Keys:{name} must be at least 32 bytes (base64).");
        return key;
    }

    public static bool IsDevelopmentKey(string configured) =>
        configured.StartsWith(SecretKeysOptions.DevelopmentMarker + ":", StringComparison.Ordinal);
}
