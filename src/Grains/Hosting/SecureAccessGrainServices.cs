using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecureAccess.Codes;
using SecureAccess.HelpDesk;
using SecureAccess.Identity;
using SecureAccess.Letters;
using SecureAccess.Messaging;
using SecureAccess.Passwords;
using SecureAccess.Registration;
using SecureAccess.Security;
using SecureAccess.SignIn;
using SecureAccess.Tokens;
using SecureAccess.Users;

namespace SecureAccess.Hosting;

public static class SecureAccessGrainServices
{
    /// Everything the grains need from DI: options bound from configuration, the domain rules, and
    /// the ports to the outside world. The same call serves the silo host, dev mode and the tests.
    public static IServiceCollection AddSecureAccessGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LockoutOptions>(configuration.GetSection(LockoutOptions.Section));
        services.Configure<CodeOptions>(configuration.GetSection(CodeOptions.Section));
        services.Configure<PasswordHashingOptions>(configuration.GetSection(PasswordHashingOptions.Section));
        services.Configure<PasswordPolicyOptions>(configuration.GetSection(PasswordPolicyOptions.Section));
        services.Configure<RegistrationOptions>(configuration.GetSection(RegistrationOptions.Section));
        services.Configure<SessionOptions>(configuration.GetSection(SessionOptions.Section));
        services.Configure<SecretKeysOptions>(configuration.GetSection(SecretKeysOptions.Section));
        services.Configure<IdentityRecordsOptions>(configuration.GetSection(IdentityRecordsOptions.Section));
        services.Configure<MessagingOptions>(configuration.GetSection(MessagingOptions.Section));
        services.Configure<CodeSendOptions>(configuration.GetSection(CodeSendOptions.Section));
        services.Configure<LetterOptions>(configuration.GetSection(LetterOptions.Section));
        services.Configure<TemporaryPasswordOptions>(configuration.GetSection(TemporaryPasswordOptions.Section));
        services.Configure<UnknownUsernameOptions>(configuration.GetSection(UnknownUsernameOptions.Section));
        services.Configure<SigningKeyOptions>(configuration.GetSection(SigningKeyOptions.Section));
        services.Configure<Throttling.SourceLimitOptions>(configuration.GetSection(Throttling.SourceLimitOptions.Section)); // issue 11

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<KeyedHasher>();
        services.AddSingleton<SsnHasher>();
        services.AddSingleton<OneTimeCodes>();
        services.AddSingleton<CodeSendLimiter>();
        services.AddSingleton<SecretBox>();
        services.AddSingleton<LockoutPolicy>();
        services.AddMetrics(); // IMeterFactory for the "SecureAccess.*" meters (issue 13); idempotent
        services.AddSingleton<SignIn.SignInMetrics>();
        services.AddSingleton<PasswordPolicy>();
        services.TryAddSingleton<IPasswordHasher, Argon2idPasswordHasher>();
        services.AddSingleton<PasswordHashing>();
        services.TryAddSingleton<IIdentityVerifier, FileIdentityVerifier>();

        services.AddSecureAccessMessaging(configuration); // issue 10: SMTP, Twilio, background delivery
        services.AddSecureAccessHelpDesk(configuration); // issue 5: import, help desk, audit trail
        services.Configure<Throttling.RecipientLimitOptions>(configuration.GetSection(Throttling.RecipientLimitOptions.Section)); // issue 11
        Throttling.RecipientLimitedMessageSender.Wrap(services); // issue 11: every message passes the per-recipient limit
        return services;
    }
}
