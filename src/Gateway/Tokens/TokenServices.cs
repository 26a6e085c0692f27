namespace SecureAccess.Gateway.Tokens;

public static class TokenServices
{
    /// Signing keys (the cluster's set, or `Tokens:SigningKeyPem`), token issue and check, the
    /// verified-token cache and its revocation subscription (issues 10 and 13).
    public static IServiceCollection AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TokenOptions>(configuration.GetSection(TokenOptions.Section));
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<VerifiedTokenCache>();
        services.AddSingleton<SessionRevocationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionRevocationListener>());
        return services;
    }
}
