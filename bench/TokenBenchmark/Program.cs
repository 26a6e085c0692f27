using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SecureAccess.Gateway.Tokens;
using SecureAccess.SignIn;

// Single-threaded µs per operation, best of 5 rounds (the machine may be shared: the best round is the
// one least disturbed). Usage: dotnet SecureAccess.TokenBenchmark.dll [iterations per round, default 20000]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var options = Options.Create(new TokenOptions { SigningKeyPem = ecdsa.ExportPkcs8PrivateKeyPem() });
var keys = new SigningKeys(options, null!, TimeProvider.System, NullLogger<SigningKeys>.Instance);
var tokens = new TokenService(keys, options, TimeProvider.System);
var ring = await keys.Current();
var session = new SessionIssued(Guid.NewGuid(), "benchmark.user", DateTimeOffset.UtcNow.AddMinutes(30), false);

// The token as issued must be one the service's own check accepts.
var issued = await tokens.Issue(session);
var principal = await tokens.Validate(issued) ?? throw new InvalidOperationException("an issued token did not validate");
if (principal.SessionId != session.SessionId || principal.Username != session.Username) throw new InvalidOperationException("claims differ");

var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
var data = new byte[300];
RandomNumberGenerator.Fill(data);

Measure("ES256 signature alone (ECDsa.SignData, 300 bytes)", () => ecdsa.SignData(data, HashAlgorithmName.SHA256));
Measure("token via TokenService.Issue (as shipped)", () => tokens.Issue(session).GetAwaiter().GetResult());
Measure("token check via TokenService.Validate (uncached)", () => tokens.Validate(issued).GetAwaiter().GetResult());

// The gateway signs on many threads at once: the same operations on every core, operations per second.
Parallel("ES256 signature alone, every core", () => ecdsa.SignData(data, HashAlgorithmName.SHA256));
Parallel("token via TokenService.Issue, every core", () => tokens.Issue(session).GetAwaiter().GetResult());

void Parallel(string what, Func<object?> op)
{
    var workers = Environment.ProcessorCount * 4;
    var best = 0.0;
    for (var round = 0; round < 3; round++)
    {
        var watch = Stopwatch.StartNew();
        System.Threading.Tasks.Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            for (var i = 0; i < iterations / 4; i++) op();
        });
        best = Math.Max(best, workers * (iterations / 4) / watch.Elapsed.TotalSeconds);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-55} {best,8:0} /s ({workers} threads, {Environment.ProcessorCount} cores; single-thread best × cores = the yardstick)"));
}

void Measure(string what, Func<object?> op)
{
    for (var i = 0; i < 2000; i++) op(); // warm-up (JIT tiers)
    var best = double.MaxValue;
    for (var round = 0; round < 5; round++)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) op();
        best = Math.Min(best, watch.Elapsed.TotalMicroseconds / iterations);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-55} {best,8:0.0} µs/op (best of 5 × {iterations})"));
}
