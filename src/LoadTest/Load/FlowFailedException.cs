using SecureAccess.LoadTest.Api;

namespace SecureAccess.LoadTest.Load;

/// Ends one iteration after its unexpected outcome has been recorded; the run goes on.
public sealed class FlowFailedException : Exception
{
    public FlowFailedException()
    {
    }

    public FlowFailedException(string message)
        : base(message)
    {
    }

    public FlowFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public FlowFailedException(string message, ApiResponse? response)
        : base(message)
    {
        Response = response;
    }

    /// The answer that was not expected, when the failure was an HTTP answer.
    public ApiResponse? Response { get; }
}
