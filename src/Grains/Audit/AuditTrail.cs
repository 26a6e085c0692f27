using Microsoft.Extensions.Logging;
using SecureAccess.Common;

namespace SecureAccess.Audit;

public sealed partial class AuditTrail(IGrainFactory grains, TimeProvider clock, ILogger<AuditTrail> logger) : IAuditTrail
{
    public async Task Record(string username, string eventName, string detail)
    {
        var subject = Subject(username);
        var source = RequestContext.Get(AuditContext.Source) as string ?? "";
        var actor = RequestContext.Get(AuditContext.Operator) as string;
        try
        {
            await grains.GetGrain<IAuditLogGrain>(subject).Append(new AuditEvent(clock.GetUtcNow(), eventName, subject, source, detail, actor));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The event itself succeeded; a trail that cannot be written is a fault to alert on, not a reason to undo it.
            LogNotRecorded(logger, e, eventName, subject);
        }
    }

    /// Deletes the trail of a name nobody holds (issue 11). Trails share one key space with those of
    /// registrations (`registration/…`), the system (`system/…`) and message recipients (emails, E.164
    /// numbers), and anyone may try any string as a username: a name that could be one of those keeps its
    /// trail, so a failed sign-in as `system/signing-keys` can never delete another trail (review finding).
    public Task ForgetUnheldName(string username) =>
        CouldBeAnotherTrail(username) ? Task.CompletedTask : grains.GetGrain<IAuditLogGrain>(Subject(username)).Forget();

    public Task ForgetRegistration(Guid registrationId) =>
        grains.GetGrain<IAuditLogGrain>(AuditContext.RegistrationSubject(registrationId)).Forget();

    private static bool CouldBeAnotherTrail(string username) =>
        username.Contains('/') || username.Contains('@') || username.TrimStart().StartsWith('+');

    public static string Subject(string username) => GrainKeys.Username(username);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event {Event} for {Subject} could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string @event, string subject);
}
