using Orleans.Concurrency;

namespace SecureAccess.Recovery;

/// The usernames registered with one email address (lower-cased key), for SA-14.
public interface IEmailIndexGrain : IGrainWithStringKey
{
    Task Add(string username);

    /// A username that signs in no more (SA-18: merged into another) is not reminded of.
    Task Remove(string username);

    /// SA-14: emails the address its usernames, if it has any; says nothing either way. One-way
    /// (issue 11): the caller's answer never waits for the lookup or the send, so its time does not
    /// tell a known address from an unknown one.
    [OneWay]
    Task SendUsernameReminder();
}
