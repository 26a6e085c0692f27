using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SecureAccess.Passwords;

// Bare Argon2id: what one sign-in's password step costs, and how many the machine can do per second.
//   dotnet SecureAccess.HashBenchmark.dll [--duration 20s] [--warmup 3s] [--workers N] [--single 5s]
//                                         [--memory-kib K] [--iterations T] [--out hash.json]
// Defaults: the service's configured cost (PasswordHashingOptions: m=19 MiB, t=2, p=1), one worker
// per core (Environment.ProcessorCount), 20 s measured after 3 s of warmup, then 5 s on one worker.
//   dotnet SecureAccess.HashBenchmark.dll phc [--memory-kib K] [--iterations T] < password
// prints the PHC string of the password read from stdin (not argv, where `ps` would show it) at that
// cost: scripts/memory-scale.sh imports accounts with it.
var c = CultureInfo.InvariantCulture;
var printPhc = args is ["phc", ..];
var settings = Settings.Parse(printPhc ? args[1..] : args);
if (settings is null)
{
    Console.Error.WriteLine("usage: HashBenchmark [phc] [--duration 20s] [--warmup 3s] [--workers N] [--single 5s|0] [--memory-kib K] [--iterations T] [--out FILE]");
    return 2;
}

var cost = new PasswordHashingOptions();
if (settings.MemoryKiB is { } m) cost.MemoryKiB = m;
if (settings.Iterations is { } t) cost.Iterations = t;
var hasher = new Argon2idPasswordHasher(Options.Create(cost));
if (printPhc)
{
    var secret = Console.In.ReadLine();
    if (string.IsNullOrEmpty(secret))
    {
        Console.Error.WriteLine("phc: give the password on stdin.");
        return 2;
    }
    Console.WriteLine(hasher.Hash(secret));
    return 0;
}

const string password = "correct horse battery staple 1843";
var stored = hasher.Hash(password);
if (!hasher.Verify(stored, password) || hasher.Verify(stored, password + "!"))
{
    Console.Error.WriteLine("The hasher does not verify its own hash: refusing to measure.");
    return 1;
}

Console.WriteLine(string.Create(c, $"Argon2idPasswordHasher.Verify  m={cost.MemoryKiB} KiB ({cost.MemoryKiB / 1024.0:0.#} MiB), t={cost.Iterations}, p=1  ({string.Join('$', stored.Split('$')[..4])}$…)"));
Console.WriteLine(string.Create(c, $"machine: {Environment.ProcessorCount} logical cores, {RuntimeInfo()}"));

var all = Run(hasher, stored, password, settings.Workers, settings.Warmup, settings.Duration);
Print($"{settings.Workers} workers", all);
Result? single = null;
if (settings.Single > TimeSpan.Zero && settings.Workers != 1)
{
    single = Run(hasher, stored, password, 1, TimeSpan.FromSeconds(1), settings.Single);
    Print("1 worker", single);
}

if (settings.Out is { } path)
{
    var json = JsonSerializer.Serialize(new
    {
        benchmark = "Argon2idPasswordHasher.Verify",
        memoryKiB = cost.MemoryKiB,
        iterations = cost.Iterations,
        parallelism = 1,
        cores = Environment.ProcessorCount,
        runtime = RuntimeInfo(),
        allCores = all,
        oneWorker = single,
    }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
    File.WriteAllText(path, json);
    Console.WriteLine($"results: {path}");
}

return 0;

static Result Run(Argon2idPasswordHasher hasher, string stored, string password, int workers, TimeSpan warmup, TimeSpan duration)
{
    var start = Stopwatch.GetTimestamp();
    var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
    var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var latencies = new List<double>[workers];
    var total = 0L;
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var threads = Enumerable.Range(0, workers).Select(w =>
    {
        latencies[w] = new List<double>(4096);
        var thread = new Thread(() =>
        {
            var mine = latencies[w];
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= end) return;
                if (!hasher.Verify(stored, password)) throw new InvalidOperationException("verification failed");
                var t1 = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref total);
                // A hash counts when it finished inside the window (those straddling its start are warmup).
                if (t0 >= measureFrom && t1 <= end) mine.Add((t1 - t0) * 1000.0 / Stopwatch.Frequency);
            }
        })
        { IsBackground = true, Name = $"hash-{w}" };
        thread.Start();
        return thread;
    }).ToList();
    threads.ForEach(t => t.Join());
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    var ms = latencies.SelectMany(l => l).Order().ToArray();
    var seconds = duration.TotalSeconds;
    return new Result(workers, seconds, ms.Length, ms.Length / seconds, ms.Length / seconds / workers,
        Percentile(ms, 50), Percentile(ms, 90), Percentile(ms, 99), ms.Length == 0 ? 0 : ms[^1], ms.Length == 0 ? 0 : ms.Average(),
        cpu / (warmup + duration).TotalSeconds, total == 0 ? 0 : cpu * 1000 / total);
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

static void Print(string label, Result r) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-10} {r.HashesPerSecond,8:0.0} hashes/s ({r.HashesPerSecondPerWorker:0.0}/worker)  latency ms: mean {r.MeanMs:0.0} p50 {r.P50Ms:0.0} p90 {r.P90Ms:0.0} p99 {r.P99Ms:0.0} max {r.MaxMs:0.0}  n={r.Hashes} in {r.Seconds:0}s  cpu busy {r.CpuCoresBusy:0.00} cores, {r.CpuMsPerHash:0.0} CPU ms per hash"));

static string RuntimeInfo() =>
    $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC";

internal sealed record Result(int Workers, double Seconds, int Hashes, double HashesPerSecond, double HashesPerSecondPerWorker,
    double P50Ms, double P90Ms, double P99Ms, double MaxMs, double MeanMs, double CpuCoresBusy, double CpuMsPerHash);

internal sealed record Settings(TimeSpan Duration, TimeSpan Warmup, int Workers, TimeSpan Single, int? MemoryKiB, int? Iterations, string? Out)
{
    public static Settings? Parse(string[] args)
    {
        var s = new Settings(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3), Environment.ProcessorCount, TimeSpan.FromSeconds(5), null, null, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null) return null;
            i++;
            switch (args[i - 1])
            {
                case "--duration": s = s with { Duration = Span(value) }; break;
                case "--warmup": s = s with { Warmup = Span(value) }; break;
                case "--single": s = s with { Single = Span(value) }; break;
                case "--workers": s = s with { Workers = Math.Max(1, int.Parse(value, CultureInfo.InvariantCulture)) }; break;
                case "--memory-kib": s = s with { MemoryKiB = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--iterations": s = s with { Iterations = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "--out": s = s with { Out = value }; break;
                default: return null;
            }
        }

        return s.Duration > TimeSpan.Zero && s.Duration <= TimeSpan.FromMinutes(10) ? s : null;
    }

    private static TimeSpan Span(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : text.EndsWith('m') ? TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
}
