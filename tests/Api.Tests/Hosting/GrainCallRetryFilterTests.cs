using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SecureAccess.Gateway.Hosting;
using SecureAccess.Messaging;
using SecureAccess.Users;

namespace SecureAccess.Api.Tests.Hosting;

/// Issue 3 + CI's rolling-restart flake: a read whose answer was lost (TimeoutException) is asked
/// again; a sign-in attempt never is, because a repeated wrong password would count twice (SA-10).
public sealed class GrainCallRetryFilterTests
{
    private static readonly GrainCallRetryFilter Filter = new(
        Options.Create(new ClusterClientOptions { RetryAttempts = 3, RetryFirstDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(1) }),
        NullLogger<GrainCallRetryFilter>.Instance);

    [Fact]
    public async Task A_read_marked_safe_to_repeat_is_asked_again_after_a_timeout()
    {
        var call = CallContext.For(typeof(IOutboxGrain).GetMethod(nameof(IOutboxGrain.List))!, failures: 1);
        await Filter.Invoke(call);
        Assert.Equal(2, call.Invocations);
    }

    [Fact]
    public async Task A_sign_in_attempt_that_timed_out_is_not_repeated()
    {
        var call = CallContext.For(typeof(IUserGrain).GetMethod(nameof(IUserGrain.BeginSignIn))!, failures: 1);
        await Assert.ThrowsAsync<TimeoutException>(() => Filter.Invoke(call));
        Assert.Equal(1, call.Invocations);
    }

    [Fact]
    public async Task A_read_that_keeps_timing_out_fails_after_the_configured_attempts()
    {
        var call = CallContext.For(typeof(IOutboxGrain).GetMethod(nameof(IOutboxGrain.List))!, failures: 10);
        await Assert.ThrowsAsync<TimeoutException>(() => Filter.Invoke(call));
        Assert.Equal(3, call.Invocations);
    }

    /// A call context whose Invoke times out `failures` times, then succeeds. Only InterfaceMethod,
    /// InterfaceName, MethodName and Invoke are used by the filter.
    public class CallContext : DispatchProxy
    {
        private MethodInfo _method = null!;
        private int _failures;
        public int Invocations { get; private set; }

        public static CallContext For(MethodInfo method, int failures)
        {
            var proxy = Create<IOutgoingGrainCallContext, CallContext>();
            var context = (CallContext)(object)proxy;
            context._method = method;
            context._failures = failures;
            return context;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_InterfaceMethod" => _method,
            "get_InterfaceName" => _method.DeclaringType!.Name,
            "get_MethodName" => _method.Name,
            "Invoke" => ++Invocations <= _failures ? Task.FromException(new TimeoutException("no answer")) : Task.CompletedTask,
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }
}

file static class CallContextExtensions
{
    public static Task Invoke(this GrainCallRetryFilter filter, GrainCallRetryFilterTests.CallContext context) =>
        filter.Invoke((IOutgoingGrainCallContext)(object)context);
}
