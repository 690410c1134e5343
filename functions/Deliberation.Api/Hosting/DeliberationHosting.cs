using System.Text.Json.Serialization;
using Deliberation.Api.Apis;
using Deliberation.Api.Auth;
using Deliberation.Api.Channels.Hotline;
using Deliberation.Api.Channels.Sms;
using Deliberation.Api.Channels.WeChat;
using Deliberation.Api.Classification.AzureLanguage;
using Deliberation.Api.RateLimiting;
using Deliberation.Api.OpenData;
using Deliberation.Api.Telemetry;
using Deliberation.Storage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Intake;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Projections;
using Deliberation.Storage.Queues;
using Deliberation.Storage.Residents;
using Deliberation.Storage.Timers;
using Deliberation.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Hosting;

public static class DeliberationHosting
{
    /// <summary>The standalone host: where it listens, then every service (<see cref="AddDeliberationServices"/>).</summary>
    public static WebApplicationBuilder AddDeliberation(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://localhost:7071");
        }

        builder.AddDeliberationServices();
        return builder;
    }

    /// <summary>
    /// Every service of the app, for any host (the standalone ASP.NET Core host, the Functions isolated worker).
    /// <paramref name="triggered"/> is the background work the host's own triggers do instead of an in-process
    /// listener or scheduler.
    /// </summary>
    public static IHostApplicationBuilder AddDeliberationServices(this IHostApplicationBuilder builder, TriggeredWork triggered = TriggeredWork.None)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.Section)
            .Validate(o => o.SweepInterval > TimeSpan.Zero && o.OutboxRecoveryDelay > TimeSpan.Zero && o.SweepBatch > 0, "Runtime intervals and batch must be positive.")
            .ValidateOnStart();
        services.AddOptions<TownOptions>().BindConfiguration(TownOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Fail closed outside the Development environment: no start without the privacy keys (nor Entra ID, below).
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidation>());

        services.AddOptions<WebOptions>().BindConfiguration(WebOptions.Section)
            .Validate(o => o.PublicBaseUrl.IsAbsoluteUri, "Web:PublicBaseUrl must be an absolute http(s) address.")
            .ValidateOnStart();
        services.AddOptions<OpenData.Open311Options>().BindConfiguration(OpenData.Open311Options.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDeliberationStorage();
        services.AddCaseWorkflow();
        services.TryAddSingleton<ICaseRuntime>(sp => sp.GetRequiredService<Workflow.Delivery.DurableCaseRuntime>());
        services.AddOptions<Classification.ClassifierOptions>().BindConfiguration(Classification.ClassifierOptions.Section);
        builder.AddTextAnalytics();

        // Without provider credentials every text goes to the development outbox; channel registrations replace these.
        services.TryAddSingleton<ISmsSender>(sp => sp.GetRequiredService<DevelopmentOutbox>());
        services.TryAddSingleton<IWeChatSender>(sp => sp.GetRequiredService<DevelopmentOutbox>());
        services.TryAddSingleton<IStaffNotifier>(sp => sp.GetRequiredService<DevelopmentOutbox>());
        builder.AddSmsChannels();
        builder.AddClientAddresses();
        builder.AddPublicApi();
        builder.AddFollowers();
        services.AddMeetings();
        services.AddSingleton<CaseHandlerDeps>();
        services.AddSingleton<PublicCaseViews>();
        services.AddSingleton(sp => QueueSettings.FromHostJson(File.ReadAllText(TownOptions.Resolve(sp.GetRequiredService<IOptions<TownOptions>>().Value.HostJson))));

        // Hosted services start in order: the town first, then whatever consumes queues and timers.
        services.AddHostedService<TownInitialiser>();
        if (builder.Configuration.GetValue($"{RuntimeOptions.Section}:{nameof(RuntimeOptions.RunListeners)}", true))
        {
            if (!triggered.HasFlag(TriggeredWork.WeChatInbox))
            {
                services.AddSingleton<IHostedService>(sp => Listener(sp, sp.GetRequiredService<WeChatInboxHandler>()));
            }

            if (!triggered.HasFlag(TriggeredWork.Sweep))
            {
                services.AddHostedService<SweepService>();
            }

            if (!triggered.HasFlag(TriggeredWork.DailyDigest))
            {
                services.AddHostedService<DigestScheduler>();
            }
        }

        services.AddProblemDetails();

        // Malformed bodies are the client's fault in every environment: 400 ProblemDetails, not an exception.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 256 * 1024);
        builder.AddStaffAuthentication();

        // Channels last: they replace the development senders when credentials are configured. Then every sender is
        // measured, whichever it is.
        builder.AddWeChatChannel();
        services.MeasureTextSenders();
        builder.AddDeliberationTelemetry();
        return builder;
    }

    /// <summary>The request pipeline and every HTTP endpoint (under /api, as the Functions app routes them).</summary>
    public static WebApplication UseDeliberation(this WebApplication app)
    {
        app.UseClientAddresses();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapDeliberationApi();
        return app;
    }

    /// <summary>
    /// The HTTP API, all under /api: what the standalone host maps and the Functions app has one HTTP function for each of.
    /// Every endpoint checks its input against <see cref="InputBounds"/> first.
    /// </summary>
    public static IEndpointRouteBuilder MapDeliberationApi(this IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("");
        app.AddEndpointFilter<InputBoundsFilter>();
        app.MapHealthApi();
        app.MapDirectoryApi();
        app.MapSignInApi();
        app.MapHotlineApi();
        app.MapHotlineTranscripts();
        app.MapSms();
        app.MapCaseApi();
        app.MapCaseAssistApi();
        app.MapRepresentativesApi();
        app.MapPublicApi();
        app.MapMeetingApi();
        app.MapPublicMeetingApi();
        app.MapPublicKpiApi();
        app.MapOpen311();
        app.MapAtomFeeds();
        app.MapClassifierApi();
        app.MapOperationsApi();
        app.MapWeChat();
        return endpoints;
    }

    private static QueueListener Listener(IServiceProvider services, IQueueHandler handler)
    {
        var clients = services.GetRequiredService<StorageClients>();
        return new QueueListener(
            clients.Queue(handler.QueueName),
            clients.Queue(StorageNames.Poison(handler.QueueName)),
            handler,
            services.GetRequiredService<QueueSettings>(),
            services.GetRequiredService<ILogger<QueueListener>>());
    }
}
