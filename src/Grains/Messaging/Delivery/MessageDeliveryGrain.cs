using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SecureAccess.Audit;
using SecureAccess.Security;

namespace SecureAccess.Messaging.Delivery;

/// One email or SMS on its way. The message is stored (sealed) and a reminder registered before the
/// caller gets its answer, so a silo that dies mid-delivery leaves a reminder that wakes the grain on
/// another silo; quick retries run on an in-memory timer. A permanent refusal is never retried.
public sealed partial class MessageDeliveryGrain(
    [PersistentState("delivery", StorageNames.Default)] IPersistentState<DeliveryState> state,
    MessageTransports transports,
    SecretBox secrets,
    IAuditTrail audit,
    DeliveryMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<MessageDeliveryGrain> logger)
    : Grain, IMessageDeliveryGrain, IRemindable
{
    private const string Purpose = "message-delivery";
    private const string Backstop = "delivery-backstop";
    private IGrainTimer? _timer;

    public async Task Deliver(DeliveryRequest request)
    {
        if (state.RecordExists) return; // the same message twice (a retried call): already on its way
        state.State = new DeliveryState
        {
            Channel = request.Channel,
            SealedMessage = secrets.Seal(Purpose, JsonSerializer.SerializeToUtf8Bytes(new SealedMessage(request.To, request.Subject, request.Body))),
            AuditSubject = request.AuditSubject,
            AcceptedAt = request.AcceptedAt,
            ExpiresAt = request.ExpiresAt,
        };
        await state.WriteStateAsync();
        var period = options.Value.BackstopPeriod;
        await this.RegisterOrUpdateReminder(Backstop, period, period);
        Schedule(TimeSpan.Zero);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A live timer already owns the retries; the reminder matters after a silo's death or a collection.
        if (reminderName != Backstop || _timer is not null) return Task.CompletedTask;
        return Attempt();
    }

    private void Schedule(TimeSpan due)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(static (grain, _) => grain.Attempt(), this,
            new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// Timer callbacks and the reminder take turns with Deliver (the grain is not reentrant).
    private async Task Attempt()
    {
        _timer?.Dispose();
        _timer = null;
        await AttemptOnce();
    }

    private async Task AttemptOnce()
    {
        if (!state.RecordExists || string.IsNullOrEmpty(state.State.SealedMessage))
        {
            await Finish();
            return;
        }

        var pending = state.State;
        var deliveryId = this.GetPrimaryKey();
        if (clock.GetUtcNow() >= pending.ExpiresAt)
        {
            metrics.Failed(pending.Channel, "expired");
            LogExpired(logger, deliveryId, pending.Channel, pending.Attempts);
            await Finish();
            return;
        }

        var sealedMessage = JsonSerializer.Deserialize<SealedMessage>(secrets.Open(Purpose, pending.SealedMessage))!;
        var message = new OutgoingMessage(pending.Channel, sealedMessage.To, sealedMessage.Subject, sealedMessage.Body, "");
        var (provider, transport) = transports.For(pending.Channel);
        DeliveryOutcome outcome;
        try
        {
            outcome = await transport.Send(message, CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A provider's surprise is a reason to try again later, not to lose the message; only the
            // type is kept, because a library's message may quote the recipient or the server's reply.
            outcome = DeliveryOutcome.Transient($"unexpected {e.GetType().Name}");
        }
        pending.Attempts++;

        switch (outcome.Result)
        {
            case DeliveryResult.Delivered:
                metrics.Sent(pending.Channel, provider);
                metrics.Latency(pending.Channel, clock.GetUtcNow() - pending.AcceptedAt);
                if (pending.Attempts > 1) LogDeliveredAfterRetries(logger, deliveryId, pending.Channel, pending.Attempts);
                await Finish();
                break;
            case DeliveryResult.Permanent:
                metrics.Failed(pending.Channel, "permanent");
                LogRefused(logger, deliveryId, pending.Channel, outcome.Reason);
                if (pending.AuditSubject is { Length: > 0 } subject)
                    await audit.Record(subject, AuditEvents.MessageRefused, $"{pending.Channel} refused by the provider: {outcome.Reason}");
                await Finish();
                break;
            default:
                var delay = RetrySchedule.After(pending.Attempts, options.Value, Random.Shared.NextDouble());
                var left = pending.ExpiresAt - clock.GetUtcNow();
                metrics.Retried(pending.Channel);
                LogRetrying(logger, deliveryId, pending.Channel, pending.Attempts, outcome.Reason, delay);
                await state.WriteStateAsync();
                Schedule(delay < left ? delay : left);
                break;
        }
    }

    /// Done either way: the sealed message leaves storage, the backstop goes, and the grain may rest.
    private async Task Finish()
    {
        if (state.RecordExists) await state.ClearStateAsync();
        if (await this.GetReminder(Backstop) is { } reminder) await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
    }

    private sealed record SealedMessage(string To, string Subject, string Body);

    [LoggerMessage(Level = LogLevel.Warning, EventId = 1001, Message = "Delivery {DeliveryId} ({Channel}) failed transiently on attempt {Attempts}: {Reason}; next attempt in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Guid deliveryId, string channel, int attempts, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, EventId = 1002, Message = "Delivery {DeliveryId} ({Channel}) delivered after {Attempts} attempts")]
    private static partial void LogDeliveredAfterRetries(ILogger logger, Guid deliveryId, string channel, int attempts);

    [LoggerMessage(Level = LogLevel.Error, EventId = 1003, Message = "Delivery {DeliveryId} ({Channel}) refused permanently by the provider: {Reason}; not retried, recorded in the audit trail")]
    private static partial void LogRefused(ILogger logger, Guid deliveryId, string channel, string reason);

    [LoggerMessage(Level = LogLevel.Error, EventId = 1004, Message = "Delivery {DeliveryId} ({Channel}) expired undelivered after {Attempts} attempts")]
    private static partial void LogExpired(ILogger logger, Guid deliveryId, string channel, int attempts);
}
