using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureAccess.Cluster.Tests.Infrastructure;
using SecureAccess.Messaging;
using SecureAccess.Messaging.Delivery;
using SecureAccess.Testing;

namespace SecureAccess.Cluster.Tests;

/// Issue 10: the SMS and email transports as the silo wires them (named HttpClient with the standard
/// resilience handler; MailKit), against the local Twilio stub and SMTP server, with every log of every
/// category captured at Trace: no token, account, code or body reaches a log.
public sealed class ProviderTransportTests : IAsyncLifetime
{
    private const string Sid = "AC99999999999999999999999999999999";
    private readonly string _token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    private readonly CapturedLogs _logs = new();
    private readonly SmtpSink _smtp = new();
    private TwilioStub _twilio = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _twilio = new TwilioStub(Sid, _token);
        await _twilio.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Email:Provider"] = "Smtp",
            ["Messaging:Email:Smtp:Host"] = "127.0.0.1",
            ["Messaging:Email:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:Email:Smtp:Security"] = "None",
            ["Messaging:Email:Smtp:From"] = "no-reply@secure-access.test",
            ["Messaging:Sms:Provider"] = "Twilio",
            ["Messaging:Sms:Twilio:AccountSid"] = Sid,
            ["Messaging:Sms:Twilio:AuthToken"] = _token,
            ["Messaging:Sms:Twilio:From"] = "+15005550006",
            ["Messaging:Sms:Twilio:BaseUrl"] = _twilio.BaseUrl,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IGrainFactory>(_ => throw new InvalidOperationException("not used here"));
        services.AddSecureAccessMessaging(configuration);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _twilio.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private IMessageTransport Sms => _services.GetRequiredKeyedService<IMessageTransport>(Channels.Sms);
    private IMessageTransport Email => _services.GetRequiredKeyedService<IMessageTransport>(Channels.Email);

    [Fact]
    public async Task Sms_rides_out_a_short_outage_refuses_an_invalid_number_once_and_logs_no_secret()
    {
        var phone = Unique.Phone();
        Assert.Equal(DeliveryResult.Delivered, (await Sms.Send(Message(phone, "code: 246813 (valid"), default)).Result);
        Assert.Equal("code: 246813 (valid", (await _twilio.WaitForSms(phone, 0, TimeSpan.FromSeconds(5))).Body);

        _twilio.FailNext(3); // 503, 503, 503, then accepted: inside one attempt's retries
        Assert.Equal(DeliveryResult.Delivered, (await Sms.Send(Message(phone, "code: 135792 (valid"), default)).Result);
        Assert.Equal(5, _twilio.CallsTo(phone));

        var invalid = Unique.Phone();
        _twilio.Invalid[invalid] = true;
        var refused = await Sms.Send(Message(invalid, "code: 864200 (valid"), default);
        Assert.Equal(DeliveryOutcome.Permanent("Twilio HTTP 400, error 21211"), refused);
        Assert.Equal(1, _twilio.CallsTo(invalid));

        var logs = _logs.AllText();
        Assert.Contains("Polly", logs, StringComparison.Ordinal); // the capture saw the pipeline's own Trace/Debug lines
        foreach (var secret in new[] { _token, Sid, "246813", "135792", "864200", invalid })
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_to_an_unreachable_provider_is_a_transient_failure()
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSecureAccessMessaging(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Sms:Provider"] = "Twilio",
            ["Messaging:Sms:Twilio:AccountSid"] = Sid,
            ["Messaging:Sms:Twilio:AuthToken"] = _token,
            ["Messaging:Sms:Twilio:From"] = "+15005550006",
            ["Messaging:Sms:Twilio:BaseUrl"] = $"http://127.0.0.1:{TestSettings.FreePort()}",
        }).Build());
        await using var provider = services.BuildServiceProvider();
        var outcome = await provider.GetRequiredKeyedService<IMessageTransport>(Channels.Sms).Send(Message(Unique.Phone(), "code: 1 (valid"), default);
        Assert.Equal(DeliveryResult.Transient, outcome.Result);
        Assert.DoesNotContain(_token, _logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_goes_over_smtp()
    {
        var to = Unique.Email();
        var outcome = await Email.Send(new OutgoingMessage(Channels.Email, to, "Confirm your email for Secure Access", "Your code is:\n777888\n", ""), default);
        Assert.Equal(DeliveryResult.Delivered, outcome.Result);
        Assert.Contains("777888", await _smtp.WaitForBody(to, "Confirm your email", 0, TimeSpan.FromSeconds(5)), StringComparison.Ordinal);
        Assert.DoesNotContain("777888", _logs.AllText(), StringComparison.Ordinal);
    }

    private static OutgoingMessage Message(string to, string body) => new(Channels.Sms, to, "Secure Access security code", body, "");
}
