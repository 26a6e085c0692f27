using Microsoft.Extensions.Configuration;
using SecureAccess.Identity;
using SecureAccess.Messaging;
using SecureAccess.Messaging.Email;
using SecureAccess.Messaging.Sms;
using SecureAccess.Security;

namespace SecureAccess.Hosting;

/// What silos and gateways both refuse before they start (issue 10), each problem one line naming its
/// key. Development shortcuts (the outbox, the DEVELOPMENT-ONLY keys, the shipped synthetic identity
/// records) pass only when the environment is exactly `Development`; a malformed value fails anywhere.
public static class StartupProblems
{
    public const string DevelopmentEnvironment = "Development";

    public static bool IsDevelopment(string environmentName) => string.Equals(environmentName, DevelopmentEnvironment, StringComparison.Ordinal);

    /// Keys, messaging and identity records: what a process that hosts grains needs.
    public static List<string> OfGrainHost(string environmentName, IConfiguration configuration)
    {
        var development = IsDevelopment(environmentName);
        var problems = new List<string>();
        SecretKeys(configuration, development, problems);
        Messaging(configuration, development, problems);
        IdentityRecords(configuration, development, problems);
        return problems;
    }

    /// A gateway that only talks to silos: it sends nothing itself, so it needs the provider names (the
    /// outbox endpoint follows them) but neither the providers' credentials nor the secret keys; keys it
    /// is given anyway must not be the development ones.
    public static List<string> OfClientGateway(string environmentName, IConfiguration configuration)
    {
        var development = IsDevelopment(environmentName);
        var problems = new List<string>();
        foreach (var name in new[] { nameof(SecretKeysOptions.CodeHmacKey), nameof(SecretKeysOptions.SsnHmacKey), nameof(SecretKeysOptions.EncryptionKey) })
            if (!development && configuration[$"{SecretKeysOptions.Section}:{name}"] is { } value && KeyMaterial.IsDevelopmentKey(value))
                problems.Add($"{SecretKeysOptions.Section}:{name} is the shipped DEVELOPMENT-ONLY key, allowed only in Development.");
        Messaging(configuration, development, problems, providersOnly: true);
        return problems;
    }

    private static void SecretKeys(IConfiguration configuration, bool development, List<string> problems)
    {
        foreach (var name in new[] { nameof(SecretKeysOptions.CodeHmacKey), nameof(SecretKeysOptions.SsnHmacKey), nameof(SecretKeysOptions.EncryptionKey) })
        {
            var key = $"{SecretKeysOptions.Section}:{name}";
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value)) { problems.Add($"{key} is not set (base64 of at least 32 random bytes: openssl rand -base64 32)."); continue; }
            if (KeyMaterial.IsDevelopmentKey(value) && !development) { problems.Add($"{key} is the shipped DEVELOPMENT-ONLY key, allowed only in Development."); continue; }
            try { KeyMaterial.Decode(value, name); }
            catch (InvalidOperationException e) { problems.Add(e.Message.Replace("Configuration ", "", StringComparison.Ordinal)); }
        }
    }

    private static void Messaging(IConfiguration configuration, bool development, List<string> problems, bool providersOnly = false)
    {
        Email(configuration.GetSection(EmailOptions.Section), development, problems, providersOnly);
        Sms(configuration.GetSection(SmsOptions.Section), development, problems, providersOnly);
    }

    private static void Email(IConfigurationSection email, bool development, List<string> problems, bool providersOnly)
    {
        var provider = email[nameof(EmailOptions.Provider)] ?? MessagingProviders.Outbox;
        if (MessagingProviders.Is(provider, MessagingProviders.Outbox))
        {
            if (!development) problems.Add($"{email.Path}:Provider is {MessagingProviders.Outbox} (unset means {MessagingProviders.Outbox}), allowed only in Development: it serves every code over HTTP; set {MessagingProviders.Smtp}.");
            return;
        }
        if (!MessagingProviders.Is(provider, MessagingProviders.Smtp))
        {
            problems.Add($"{email.Path}:Provider '{provider}' is unknown; use {MessagingProviders.Smtp} or {MessagingProviders.Outbox}.");
            return;
        }
        if (providersOnly) return;
        Required(email, "Smtp:Host", problems);
        Required(email, "Smtp:From", problems);
        if (email["Smtp:From"] is { Length: > 0 } from && !MimeKit.MailboxAddress.TryParse(from, out _))
            problems.Add($"{email.Path}:Smtp:From is not an email address.");
        if (email["Smtp:Security"] is { Length: > 0 } security && !Enum.TryParse<SmtpSecurity>(security, ignoreCase: true, out _))
            problems.Add($"{email.Path}:Smtp:Security '{security}' is unknown; use None, StartTls or SslOnConnect.");
        if (email["Smtp:Port"] is { Length: > 0 } port && (!int.TryParse(port, out var p) || p is < 1 or > 65535))
            problems.Add($"{email.Path}:Smtp:Port '{port}' is not a TCP port.");
    }

    private static void Sms(IConfigurationSection sms, bool development, List<string> problems, bool providersOnly)
    {
        var provider = sms[nameof(SmsOptions.Provider)] ?? MessagingProviders.Outbox;
        if (MessagingProviders.Is(provider, MessagingProviders.Outbox))
        {
            if (!development) problems.Add($"{sms.Path}:Provider is {MessagingProviders.Outbox} (unset means {MessagingProviders.Outbox}), allowed only in Development: it serves every code over HTTP; set {MessagingProviders.Twilio}.");
            return;
        }
        if (!MessagingProviders.Is(provider, MessagingProviders.Twilio))
        {
            problems.Add($"{sms.Path}:Provider '{provider}' is unknown; use {MessagingProviders.Twilio} or {MessagingProviders.Outbox}.");
            return;
        }
        if (providersOnly) return;
        Required(sms, "Twilio:AccountSid", problems);
        Required(sms, "Twilio:AuthToken", problems);
        Required(sms, "Twilio:From", problems);
        if (sms["Twilio:BaseUrl"] is { Length: > 0 } baseUrl && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            problems.Add($"{sms.Path}:Twilio:BaseUrl is not an absolute http(s) URL.");
    }

    /// Outside Development the records must come from a file an operator configured, and it must not be
    /// the shipped synthetic set, whole, trimmed or reformatted (SyntheticIdentityRecords; docs/decisions.md, issue 10).
    private static void IdentityRecords(IConfiguration configuration, bool development, List<string> problems)
    {
        const string key = $"{IdentityRecordsOptions.Section}:{nameof(IdentityRecordsOptions.Path)}";
        var configured = configuration[key];
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (!development) problems.Add($"{key} is not set: outside Development the identity records (SA-4) must come from your own file, not the shipped synthetic one.");
            return;
        }
        if (!File.Exists(configured)) { problems.Add($"{key} names a file that does not exist."); return; }
        if (!development && SyntheticIdentityRecords.Shares(configured))
            problems.Add($"{key} is the shipped synthetic identity set (or a copy of it), allowed only in Development.");
    }

    private static void Required(IConfigurationSection section, string name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(section[name])) problems.Add($"{section.Path}:{name} is not set.");
    }
}
