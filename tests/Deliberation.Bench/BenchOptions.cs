using System.Globalization;
using System.Security.Cryptography;

namespace Deliberation.Bench;

/// <summary>The command line of <c>./dev bench</c>.</summary>
internal sealed record BenchOptions(string Connection, int Cases, int Concurrency, string Prefix, TimeSpan PhaseTimeout)
{
    public const string Usage =
        "usage: Deliberation.Bench --connection <storage connection string> [--cases N=200] [--concurrency C=8] [--prefix p] [--timeout seconds=120]";

    public static BenchOptions? Parse(string[] args, out string? error)
    {
        string? connection = null;
        var cases = 200;
        var concurrency = 8;
        var prefix = "b" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        var timeout = 120;
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
                case "--cases" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    cases = n;
                    break;
                case "--concurrency" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c > 0:
                    concurrency = c;
                    break;
                case "--prefix" when System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z][a-z0-9]{0,19}$"):
                    prefix = value;
                    break;
                case "--timeout" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > 0:
                    timeout = t;
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

        return new BenchOptions(connection, cases, concurrency, prefix, TimeSpan.FromSeconds(timeout));
    }
}
