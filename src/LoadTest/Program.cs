using SecureAccess.LoadTest;
using SecureAccess.LoadTest.Cli;
using SecureAccess.LoadTest.Reporting;

if (args is [BaselineServer.Command, .. var serveArgs])
{
    using var stopServing = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stopServing.Cancel();
    };
    return await BaselineServer.RunAsync(serveArgs, Console.Out, Console.Error, stopServing.Token);
}

var parsed = OptionsParser.Parse(args);
if (parsed.HelpRequested)
{
    Console.WriteLine(Usage.Text);
    return 0;
}

if (!parsed.Succeeded)
{
    await Console.Error.WriteLineAsync(parsed.Error);
    await Console.Error.WriteLineAsync("Run with --help for the options.");
    return 2;
}

var options = parsed.Options!;
if (parsed.ShowProgress)
{
    options.ProgressWriter = Console.Error;
    options.ProgressInteractive = !Console.IsErrorRedirected;
}

// Async I/O needs few threads, but an open loop at a high rate should not wait for the pool to grow.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops the run and still prints what was measured; a second one kills the process.
    if (!cancel.IsCancellationRequested)
    {
        e.Cancel = true;
        cancel.Cancel();
    }
};

RunReport report;
try
{
    report = await LoadTestRunner.RunAsync(options, cancel.Token);
}
catch (LoadTestConfigurationException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

ConsoleReport.Write(report, ConsoleReport.CreateConsole(Console.Out, !Console.IsOutputRedirected));
if (options.OutPath is not null)
{
    Console.WriteLine($"results: {options.OutPath}");
}

if (options.PlotPath is not null)
{
    Console.WriteLine($"plot: {options.PlotPath}");
}

return report.ExitCode;
