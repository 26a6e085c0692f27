using SecureAccess.Messaging;

namespace SecureAccess.Recovery;

/// SA-14: which usernames belong to an email address, so a forgotten username can be mailed to it.
public sealed class EmailIndexGrain(
    [PersistentState("emailindex", StorageNames.Default)] IPersistentState<EmailIndexState> state,
    IMessageSender messages)
    : Grain, IEmailIndexGrain
{
    public async Task Add(string username)
    {
        if (state.State.Usernames.Contains(username)) return;
        state.State.Usernames.Add(username);
        await state.WriteStateAsync();
    }

    public async Task Remove(string username)
    {
        if (state.State.Usernames.Remove(username)) await state.WriteStateAsync();
    }

    public async Task SendUsernameReminder()
    {
        if (state.State.Usernames.Count == 0) return;
        await messages.Send(Messages.UsernameReminder(this.GetPrimaryKeyString(), state.State.Usernames) with { AuditSubject = state.State.Usernames[0] });
    }
}
