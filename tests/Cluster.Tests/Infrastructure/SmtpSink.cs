using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SecureAccess.Cluster.Tests.Infrastructure;

/// An in-process SMTP server on loopback (the SmtpServer package) that keeps every mail it receives:
/// the only place the production-topology test reads email codes from.
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public SmtpSink()
    {
        Port = Testing.TestSettings.FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }
    public ConcurrentQueue<(string To, string Subject, string Body, long ReceivedAt)> Received { get; } = new();

    /// The newest mail to `to` whose subject contains `subject`, waiting for it (bounded).
    public async Task<string> WaitForBody(string to, string subject, int after, TimeSpan timeout)
    {
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < timeout; await Task.Delay(50))
        {
            var mails = Received.Where(m => string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains(subject, StringComparison.Ordinal)).ToList();
            if (mails.Count > after) return mails[^1].Body;
        }
        throw new TimeoutException($"No mail '{subject}' to {to} within {timeout} ({Received.Count} mails received).");
    }

    public int Count(string to) => Received.Count(m => string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(SmtpServer.ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            foreach (var to in message.To.Mailboxes)
                sink.Received.Enqueue((to.Address, message.Subject ?? "", message.TextBody ?? "", Stopwatch.GetTimestamp()));
            return SmtpResponse.Ok;
        }
    }
}
