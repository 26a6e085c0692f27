namespace SecureAccess.Common;

/// Either a value or a domain failure. Orleans serializes it across the grain boundary.
[GenerateSerializer, Immutable]
public sealed record Result<T>([property: Id(0)] T? Value, [property: Id(1)] Failure? Failure)
{
    public bool Succeeded => Failure is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Failure failure) => new(default, failure);
}

/// The value of a result that carries nothing but success.
[GenerateSerializer, Immutable]
public sealed record Done
{
    public static readonly Done Instance = new();
}
