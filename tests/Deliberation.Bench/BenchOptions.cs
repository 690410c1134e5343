using System.Globalization;
using System.Security.Cryptography;

namespace Deliberation.Bench;

/// <summary>The command line of <c>./dev bench</c>: the run's size and the engine's levers.</summary>
internal sealed record BenchOptions(
    string Connection,
    int Cases,
    int Concurrency,
    string Prefix,
    TimeSpan PhaseTimeout,
    int Partitions,
    TimeSpan MaxQueuePollingInterval,
    bool ExtendedSessions,
    TimeSpan ExtendedSessionIdleTimeout,
    int MaxConcurrentActivities,
    int MaxConcurrentOrchestrations,
    string? EngineConnection = null)
{
    public const string Usage =
        "usage: Deliberation.Bench --connection <storage connection string> [--engine-connection <the task hub's own>] [--cases N=200] [--concurrency C=8] [--prefix p] [--timeout seconds=180]\n"
        + "       engine levers: [--partitions P=1] [--polling-ms M=500] [--extended-sessions true|false=true] [--session-idle-ms I=5000] [--activities A=16] [--orchestrations O=100]";

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        string? connection = null;
        string? engineConnection = null;
        var cases = 200;
        var concurrency = 8;
        var prefix = "b" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        var timeout = 180;
        var partitions = 1;
        var pollingMs = 500;
        var extended = true;
        var sessionIdleMs = 5000;
        var activities = 16;
        var orchestrations = 100;
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                return null;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--connection":
                    connection = value;
                    break;
                case "--engine-connection":
                    engineConnection = value;
                    break;
                case "--cases" when Positive(value, out var n):
                    cases = n;
                    break;
                case "--concurrency" when Positive(value, out var c):
                    concurrency = c;
                    break;
                case "--prefix" when System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z][a-z0-9]{0,19}$"):
                    prefix = value;
                    break;
                case "--timeout" when Positive(value, out var t):
                    timeout = t;
                    break;
                case "--partitions" when Positive(value, out var p) && p <= 16:
                    partitions = p;
                    break;
                case "--polling-ms" when Positive(value, out var m):
                    pollingMs = m;
                    break;
                case "--extended-sessions" when bool.TryParse(value, out var e):
                    extended = e;
                    break;
                case "--session-idle-ms" when Positive(value, out var idle):
                    sessionIdleMs = idle;
                    break;
                case "--activities" when Positive(value, out var a):
                    activities = a;
                    break;
                case "--orchestrations" when Positive(value, out var o):
                    orchestrations = o;
                    break;
                default:
                    error = $"Bad option or value: {name} {value}";
                    return null;
            }
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            error = "--connection is required.";
            return null;
        }

        return new BenchOptions(connection, cases, concurrency, prefix, TimeSpan.FromSeconds(timeout), partitions, TimeSpan.FromMilliseconds(pollingMs), extended, TimeSpan.FromMilliseconds(sessionIdleMs), activities, orchestrations, engineConnection);
    }

    private static bool Positive(string value, out int parsed) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parsed) && parsed > 0;
}
