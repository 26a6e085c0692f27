namespace SecureAccess.Common;

/// Marks a grain method that only reads, so a caller may run it again when its answer never came
/// (a TimeoutException). Orleans 10.4 can lose the answer to a call forwarded by a gateway whose
/// target silo stops (dotnet/orleans#10165); for a read, repeating it is harmless, while repeating a
/// sign-in attempt could count a wrong password twice. Put it only on methods that change nothing.
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SafeToRepeatAttribute : Attribute;
