using Microsoft.Extensions.Options;

namespace Deliberation.Api.Hosting;

/// <summary>
/// Checks every setting validated at start before the host builds anything with them, and says in one message all
/// that is wrong (each problem names its setting, never its value). Without it the first service to read a bad
/// setting would stop the host with that one problem under a stack trace.
/// </summary>
public static partial class StartupCheck
{
    /// <summary>False, with the problems logged as critical, when the host must not start.</summary>
    public static bool SettingsAreValid(this IHost host)
    {
        try
        {
            host.Services.GetRequiredService<IStartupValidator>().Validate();
            return true;
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Deliberation.Startup");
            var environment = host.Services.GetRequiredService<IHostEnvironment>().EnvironmentName;
            var problems = string.Concat(failures.Select(f => "\n  - " + f));
            LogRefused(logger, environment, problems);
            return false;
        }
    }

    private static List<string> Failures(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException all when all.InnerExceptions.All(i => i is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures)],
        _ => [],
    };

    [LoggerMessage(Level = LogLevel.Critical, Message = "Deliberation does not start ({Environment} environment); fix these settings:{Problems}")]
    private static partial void LogRefused(ILogger logger, string environment, string problems);
}
