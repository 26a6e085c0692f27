using SecureAccess.Common;
namespace SecureAccess.Messaging;

/// The development outbox of one recipient (email, E.164 number or username). A grain so that a
/// gateway can read what any silo sent; kept in memory only, never in grain storage.
public interface IOutboxGrain : IGrainWithStringKey
{
    Task Add(OutboxMessage message);
    [SafeToRepeat]
    Task<IReadOnlyList<OutboxMessage>> List();
}
