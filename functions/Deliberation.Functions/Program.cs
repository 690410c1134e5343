using Deliberation.Api.Hosting;
using Deliberation.Functions.Http;
using Deliberation.Functions.WeChat;
using Deliberation.Storage;
using Microsoft.Azure.Functions.Worker.Builder;

namespace Deliberation.Functions;

/// <summary>The isolated worker: the standalone host's services, its HTTP endpoints behind one function each.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();

        // The queue and timer triggers here drive the WeChat inbox, the digest and the sweep, not in-process loops.
        builder.AddDeliberationServices(TriggeredWork.WeChatInbox | TriggeredWork.DailyDigest | TriggeredWork.Sweep);

        // The town (directory, calendars, classifier) is loaded before the worker takes invocations: orchestrations
        // and handlers decide with it. Hosted services start in order, and the worker's own was registered first.
        MoveToFront<TownInitialiser>(builder.Services);
        builder.Services.AddSingleton<ApiEndpoints>();

        // The host resolves the queue trigger's %setting%; the app names its queues from the prefix. They must agree.
        var configuration = builder.Configuration;
        builder.Services.AddOptions<StorageOptions>()
            .Validate(
                o => configuration[WeChatInboxFunction.QueueSetting] == new StorageNames(o.Prefix).WeChatInbox,
                $"The app setting {WeChatInboxFunction.QueueSetting} must name the wechat-inbox queue with Storage:Prefix (wechat-inbox, or <prefix>-wechat-inbox).");

        // Outside Development it does not start without the privacy keys and Entra ID (the problems are logged).
        var host = builder.Build();
        if (!host.SettingsAreValid())
        {
            // Disposing flushes the log that says why.
            host.Dispose();
            return 1;
        }

        host.Run();
        return 0;
    }

    private static void MoveToFront<T>(IServiceCollection services)
        where T : IHostedService
    {
        var descriptor = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(T));
        services.Remove(descriptor);
        services.Insert(0, descriptor);
    }
}
