using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SecureAccess.Cluster.Tests.Infrastructure;

/// One real silo or gateway process (`dotnet SecureAccess.X.dll`), its output kept for assertions and
/// for the failure message of a test that goes wrong.
public sealed class NodeProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _newLine = new(0);

    private NodeProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Output => string.Join("\n", _lines);

    public static NodeProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Nothing of the test host's own hosting environment leaks in; each node gets exactly what it is told.
        foreach (var inherited in new[] { "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ConnectionStrings__Orleans" })
            start.Environment.Remove(inherited);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process);
        process.OutputDataReceived += (_, e) => node.Add(e.Data);
        process.ErrorDataReceived += (_, e) => node.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// Waits for a line of output that matches; false if the process exits or time runs out first.
    public async Task<bool> WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_lines.Any(match)) return true;
            if (_process.HasExited)
            {
                await Task.Delay(100); // let the last lines of output arrive
                return _lines.Any(match);
            }
            await _newLine.WaitAsync(TimeSpan.FromMilliseconds(100));
        }
        return _lines.Any(match);
    }

    public async Task<int> WaitForExit(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}.\n{Output}");
        }
        return _process.ExitCode;
    }

    /// `kill -9`: no shutdown, no goodbye to the cluster.
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
    }

    /// SIGSTOP: the process hangs (a frozen VM, a stuck machine) with its sockets still open.
    public void Freeze()
    {
        if (!_process.HasExited && SendSignal(_process.Id, SigStop) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGSTOP) failed: errno {Marshal.GetLastWin32Error()}");
    }

    /// SIGTERM, as an orchestrator stops a container: the host shuts down gracefully.
    public async Task<int> Stop(TimeSpan timeout)
    {
        if (!_process.HasExited && SendSignal(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastWin32Error()}");
        return await WaitForExit(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        _newLine.Release();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
