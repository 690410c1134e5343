using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace Deliberation.IntegrationTests.Infrastructure;

/// <summary>
/// The standalone host as a real child process (<c>dotnet Deliberation.Host.dll</c>) on a loopback port, configured
/// through environment variables as a deployment would be. <see cref="Kill"/> is SIGKILL on Linux: no shutdown code runs.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public HostProcess(int port, IReadOnlyDictionary<string, string> environment)
    {
        Port = port;
        _environment = environment;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>The last lines the host wrote, for a failure message.</summary>
    public string Tail => string.Join('\n', _output.TakeLast(40));

    /// <summary>Everything kept of what the host wrote (its last 200 lines).</summary>
    public string Output => string.Join('\n', _output);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the host and waits until it answers its health check.</summary>
    public async Task StartAsync(TimeSpan patience)
    {
        var dll = HostDll();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                // Without a timeout, this waits for the output readers to take the last lines too.
                _process.WaitForExit();
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Tail}");
            }

            try
            {
                using var health = await http.GetAsync("/api/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The host did not answer its health check within {patience.TotalSeconds:F0} s:\n{Tail}");
    }

    /// <summary>SIGKILL to the host (and anything it started), then waits for it to be gone.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>The host's build output for this configuration (the test project builds it as a reference).</summary>
    private static string HostDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var built = Path.Combine(Azurite.RepoRoot, "functions", "Deliberation.Host", "bin", configuration, framework, "Deliberation.Host.dll");
        if (File.Exists(built) && File.Exists(Path.ChangeExtension(built, ".runtimeconfig.json")))
        {
            return built;
        }

        var copied = Path.Combine(AppContext.BaseDirectory, "Deliberation.Host.dll");
        return File.Exists(Path.ChangeExtension(copied, ".runtimeconfig.json"))
            ? copied
            : throw new InvalidOperationException($"No runnable Deliberation.Host.dll at {built} or {copied}.");
    }
}
