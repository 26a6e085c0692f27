using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SecureAccess.Messaging;
using SecureAccess.Testing;

namespace SecureAccess.Api.Tests.Throttling;

/// A host whose lock notices wait at a gate the test opens: every other message goes through.
public sealed class GatedLockNoticeFactory : ApiFactory
{
    public const string LockNoticeSubject = "Your Secure Access account was locked";

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource NoticeReachedGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var registered = services.Last(d => d.ServiceType == typeof(IMessageSender));
            services.Remove(registered);
            services.AddSingleton<IMessageSender>(sp => new GatedSender(this, (IMessageSender)registered.ImplementationFactory!(sp)));
        });
    }

    private sealed class GatedSender(GatedLockNoticeFactory factory, IMessageSender inner) : IMessageSender
    {
        public async Task Send(OutgoingMessage message)
        {
            if (message.Subject == LockNoticeSubject)
            {
                factory.NoticeReachedGate.TrySetResult();
                await factory.Gate.Task;
            }
            await inner.Send(message);
        }
    }
}

/// Issue 11 (SA-11): the lock notice is sent after the fifth failure has answered, so a known
/// name's locking attempt does not wait for mail an unknown name never gets.
public sealed class LockNoticeTimingTests(GatedLockNoticeFactory factory) : IClassFixture<GatedLockNoticeFactory>
{
    [Fact]
    public async Task The_fifth_failure_answers_while_its_lock_notice_is_still_held_back()
    {
        var api = factory.Api();
        var user = await api.Register(People.Fresh());
        var before = (await api.Outbox(user.Email)).Count;
        for (var i = 0; i < 4; i++) await api.SignIn(user.Username, "not the password " + i);

        // The notice cannot be sent (the gate is shut), yet the locking attempt answers.
        await (await api.SignIn(user.Username, "the fifth wrong one").WaitAsync(TimeSpan.FromSeconds(10))).ShouldBeProblem(HttpStatusCode.Unauthorized, "invalid_credentials");
        await factory.NoticeReachedGate.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(before, (await api.Outbox(user.Email)).Count);

        factory.Gate.SetResult();
        var notice = await api.NextMessage(user.Email, before);
        Assert.Equal(GatedLockNoticeFactory.LockNoticeSubject, (string)notice["subject"]!);
    }
}
