namespace SecureAccess.LoadTest.Cli;

public enum ScenarioKind
{
    SignUp,
    SignIn,
    Mixed,
    Attack,
    Baseline,
    Seed,
    Verify,
    Locked,
    Account,
    Activate,
}
