namespace SecureAccess.LoadTest.Cli;

/// The run cannot start as configured (a remote target, a missing file, no usable users); the
/// message says what to change.
public sealed class LoadTestConfigurationException : Exception
{
    public LoadTestConfigurationException()
    {
    }

    public LoadTestConfigurationException(string message)
        : base(message)
    {
    }

    public LoadTestConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
