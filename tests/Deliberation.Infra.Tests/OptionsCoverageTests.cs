using System.Reflection;

namespace Deliberation.Infra.Tests;

/// <summary>
/// Every setting the app reads, against what infra/ sets. The options classes are found by reflection (public classes
/// of the app's assemblies with a <c>public const string Section</c>), their properties walked into nested option
/// classes, and every one must be classified below. A new option fails <see cref="Every_option_is_classified"/>
/// until it is set by infra/ or named here as left to its default.
/// </summary>
public sealed class OptionsCoverageTests
{
    private enum Infra
    {
        /// <summary>Set by appSettings.bicep as a plain value (a parameter or a constant).</summary>
        Set,

        /// <summary>A secret: set as a Key Vault reference.</summary>
        Secret,

        /// <summary>Deliberately left to the app's default in Azure (and so not set).</summary>
        Default,
    }

    // Each option the app reads, as its app-setting key, and what infra/ does with it.
    private static readonly Dictionary<string, Infra> Classification = new(StringComparer.Ordinal)
    {
        ["Auth__Authority"] = Infra.Set,
        ["Auth__Audience"] = Infra.Set,
        ["Auth__UnitClaim"] = Infra.Set,
        ["Auth__ClientId"] = Infra.Default,
        ["Auth__Scope"] = Infra.Default,

        ["Privacy__EncryptionKey"] = Infra.Secret,
        ["Privacy__HashKey"] = Infra.Secret,

        ["Storage__Prefix"] = Infra.Set,
        ["Storage__TableServiceUri"] = Infra.Set, // reached with the app's identity
        ["Storage__QueueServiceUri"] = Infra.Set,
        ["Storage__AccountName"] = Infra.Default, // the endpoints are set instead (they carry the cloud's suffix)
        ["Storage__BlobServiceUri"] = Infra.Default, // only the standalone host's engine uses blobs

        // Azure Monitor through APPLICATIONINSIGHTS_CONNECTION_STRING; the console and OTLP exporters are for local runs.
        ["Telemetry__Exporter"] = Infra.Default,
        ["Telemetry__OtlpEndpoint"] = Infra.Default,

        ["Channels__WeChat__Token"] = Infra.Secret,
        ["Channels__WeChat__EncodingAESKey"] = Infra.Secret,
        ["Channels__WeChat__AppSecret"] = Infra.Secret,
        ["Channels__WeChat__AppId"] = Infra.Set,
        ["Channels__WeChat__TemplateId"] = Infra.Set,
        ["Channels__WeChat__ApiBaseUrl"] = Infra.Default, // the real WeChat API
        ["Channels__WeChat__MaxMessagesPerMinute"] = Infra.Default,
        ["Channels__WeChat__ReplyTimeout"] = Infra.Default,
        ["Channels__WeChat__MaxBodyBytes"] = Infra.Default,
        ["Channels__WeChat__MaxTimestampSkew"] = Infra.Default,
        ["Channels__WeChat__PendingAttachmentLifetime"] = Infra.Default,

        ["Channels__Sms__Provider"] = Infra.Default, // inferred from what is configured (ACS, else Twilio)
        ["Channels__Sms__MaxMessagesPerMinute"] = Infra.Default,
        ["Channels__Sms__Twilio__AccountSid"] = Infra.Set,
        ["Channels__Sms__Twilio__AuthToken"] = Infra.Secret,
        ["Channels__Sms__Twilio__From"] = Infra.Set,
        ["Channels__Sms__Twilio__MessagingServiceSid"] = Infra.Set,
        ["Channels__Sms__Twilio__ApiBaseUrl"] = Infra.Default, // the real Twilio API
        ["Channels__Sms__Twilio__PublicBaseUrl"] = Infra.Set, // the app's public host, which Twilio signs
        ["Open311__ApiKeys"] = Infra.Secret, // the Open311 partners' API keys, comma-separated
        ["Web__PublicBaseUrl"] = Infra.Set, // the Static Web App's address, linked from every acknowledgement and answer
        ["Channels__Sms__Acs__ConnectionString"] = Infra.Secret, // written into Key Vault from ACS's keys
        ["Channels__Sms__Acs__From"] = Infra.Set,
        ["Channels__Sms__Acs__WebhookKey"] = Infra.Secret,
        ["Channels__Sms__Aliyun__WebhookKey"] = Infra.Secret,

        ["Channels__Hotline__TranscriptSecret"] = Infra.Secret,
        ["Channels__Hotline__TranscriptWindow"] = Infra.Default,

        ["TextAnalytics__Endpoint"] = Infra.Set,
        ["TextAnalytics__Key"] = Infra.Secret,
        ["TextAnalytics__ProjectName"] = Infra.Set,
        ["TextAnalytics__DeploymentName"] = Infra.Set,
        ["TextAnalytics__ApiVersion"] = Infra.Default,
        ["TextAnalytics__Language"] = Infra.Default,
        ["TextAnalytics__Timeout"] = Infra.Default,
        ["TextAnalytics__PiiTimeout"] = Infra.Default,
        ["TextAnalytics__PollInterval"] = Infra.Default,

        ["ForwardedHeaders__KnownProxies"] = Infra.Default, // none trusted: behind the Functions host the client's address is unknown
        ["ForwardedHeaders__KnownNetworks"] = Infra.Default,
        ["ForwardedHeaders__ForwardLimit"] = Infra.Default,
        ["PublicApi__MaxWritesPerClientPerMinute"] = Infra.Default,
        ["PublicApi__MaxWritesPerResidentPerMinute"] = Infra.Default,
        ["PublicApi__MaxConfirmationsPerClientPerMinute"] = Infra.Default,
        ["PublicApi__ObjectionCodeLifetime"] = Infra.Default,
        ["PublicApi__ObjectionCodeInterval"] = Infra.Default,
        ["PublicApi__ObjectionCodesPerHour"] = Infra.Default,
        ["PublicApi__ObjectionCodesPerDay"] = Infra.Default,
        ["PublicApi__ObjectionCodeTries"] = Infra.Default,
        ["PublicApi__ObjectionCodeTextsPerDay"] = Infra.Default,

        // The town's files ship in the package (Data/); a town other than the demo ships its own file under the
        // same name, so the paths stay at their defaults.
        ["Town__DirectoryFile"] = Infra.Default,
        ["Town__CalendarFile"] = Infra.Default,
        ["Town__HostJson"] = Infra.Default,

        // The classifier trains at start from the shipped corpus (about half a second).
        ["Classifier__ModelFile"] = Infra.Default,
        ["Classifier__CorpusFiles"] = Infra.Default,

        // Housekeeping and the reconciler's timings: the defaults are the tuned ones.
        ["Runtime__RunListeners"] = Infra.Default, // under Functions, queue and timer triggers do this work
        ["Runtime__SweepInterval"] = Infra.Default,
        ["Runtime__OutboxRecoveryDelay"] = Infra.Default,
        ["Runtime__SweepBatch"] = Infra.Default,
        ["Workflow__ApplyWait"] = Infra.Default,
        ["Workflow__RedeliverAfter"] = Infra.Default,
        ["Workflow__ReconcileInterval"] = Infra.Default,
        ["Workflow__ReconcileBatch"] = Infra.Default,
        ["Workflow__InlineSendLimit"] = Infra.Default,
    };

    /// <summary>
    /// Options the app has that infra/ replaces with something else, and why. Storage:ConnectionString would carry the
    /// account key; in Azure the app reaches the same account with its identity through Storage:TableServiceUri and
    /// Storage:QueueServiceUri instead.
    /// </summary>
    private static readonly Dictionary<string, string[]> ReplacedBy = new(StringComparer.Ordinal)
    {
        ["Storage__ConnectionString"] = ["Storage__TableServiceUri", "Storage__QueueServiceUri"],
    };

    /// <summary>Options classes of the standalone host only: under Functions, host.json and DurableTaskHub do this.</summary>
    private static readonly HashSet<string> StandaloneHostOnly = ["Deliberation.Host.Engine.DurableTaskEngineOptions"];

    /// <summary>
    /// Settings infra/ sets ahead of the app, which does not read them yet. When an options class gains one, this
    /// test says to move it into <see cref="Classification"/>.
    /// </summary>
    private static readonly HashSet<string> AheadOfTheApp =
    [
    ];

    /// <summary>Settings of the Functions host and the platform, not of the app's options.</summary>
    private static readonly HashSet<string> HostAndPlatform =
    [
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "DurableTaskHub", // host.json's extensions.durableTask.hubName
        "WeChatInboxQueue", // the wechat-inbox queue trigger's %WeChatInboxQueue%
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_WORKER_RUNTIME",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID",
        "DURABLE_TASK_SCHEDULER_CONNECTION_STRING",
        "AzureFunctionsJobHost__extensions__durableTask__storageProvider__type",
        "AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName",
    ];

    private static readonly string[] SecretLookingNames = ["Key", "Keys", "Secret", "Token", "Password", "ConnectionString"];

    private readonly AppSettings _settings = AppSettings.Load(CompiledTemplates.Load());

    [Fact]
    public void Every_project_of_the_app_is_searched_for_options()
    {
        var projects = Directory.GetDirectories(Repo.PathOf("functions")).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(projects);
        Assert.All(projects, name => Assert.NotNull(Assembly.Load(new AssemblyName(name!))));
        Assert.Contains(OptionsTypes(), t => t.FullName == "Deliberation.Storage.StorageOptions");
    }

    [Fact]
    public void Every_option_is_classified()
    {
        var unclassified = AppOptionKeys().Keys
            .Where(k => !Classification.ContainsKey(k) && !ReplacedBy.ContainsKey(k))
            .ToList();
        Assert.True(unclassified.Count == 0,
            "Options infra/ does not know about; set them in infra/modules/appSettings.bicep (a Key Vault reference for a secret) "
            + "or name them as left to their default in OptionsCoverageTests: " + string.Join(", ", unclassified));

        var gone = Classification.Keys.Concat(ReplacedBy.Keys).Except(AppOptionKeys().Keys).ToList();
        Assert.True(gone.Count == 0, "Classified options the app no longer has: " + string.Join(", ", gone));
    }

    [Fact]
    public void Options_that_look_secret_are_secrets()
    {
        var looksSecret = AppOptionKeys().Keys.Where(k => SecretLookingNames.Any(s => k.EndsWith(s, StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(looksSecret);
        Assert.All(looksSecret, key => Assert.True(
            ReplacedBy.ContainsKey(key) || Classification.GetValueOrDefault(key) == Infra.Secret,
            $"{key} looks like a secret; it must be a Key Vault reference."));
    }

    [Fact]
    public void Every_required_or_secret_option_is_set_and_every_secret_is_a_key_vault_reference()
    {
        foreach (var (key, infra) in Classification)
        {
            switch (infra)
            {
                case Infra.Set:
                    Assert.True(_settings.Common.ContainsKey(key), $"{key} is not set by appSettings.bicep.");
                    Assert.False(_settings.KeyVaultReferences.ContainsKey(key), $"{key} is classified as plain but is a Key Vault reference.");
                    break;
                case Infra.Secret:
                    Assert.True(_settings.KeyVaultReferences.ContainsKey(key), $"{key} is a secret but not a Key Vault reference.");
                    break;
                case Infra.Default:
                    Assert.False(_settings.All.ContainsKey(key), $"{key} is set by infra/ but classified as left to its default.");
                    break;
            }
        }

        foreach (var (key, replacements) in ReplacedBy)
        {
            Assert.False(_settings.All.ContainsKey(key), $"{key} must not be set in Azure.");
            Assert.All(replacements, r => Assert.True(_settings.Common.ContainsKey(r), $"{r} (instead of {key}) is not set."));
        }
    }

    [Fact]
    public void The_secret_settings_are_exactly_the_secrets()
    {
        var secrets = Classification.Where(c => c.Value == Infra.Secret).Select(c => c.Key);
        Assert.Equal(secrets.Order(), _settings.KeyVaultReferences.Keys.Order());
    }

    [Fact]
    public void Every_setting_infra_writes_is_read_by_someone()
    {
        var known = Classification.Keys.Concat(AheadOfTheApp).Concat(HostAndPlatform).ToHashSet();
        var unknown = _settings.All.Keys.Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, "Settings that neither the app, nor the Functions host nor the platform reads: " + string.Join(", ", unknown));
        Assert.All(AheadOfTheApp, key => Assert.True(_settings.All.ContainsKey(key), $"{key} is listed as set ahead of the app but is not set."));
    }

    [Fact]
    public void Settings_set_ahead_of_the_app_are_not_read_by_it_yet()
    {
        var nowRead = AheadOfTheApp.Where(AppOptionKeys().ContainsKey).ToList();
        Assert.True(nowRead.Count == 0,
            "The app reads these now; classify them in OptionsCoverageTests and drop them from AheadOfTheApp: " + string.Join(", ", nowRead));
    }

    /// <summary>Every option property of the app as its app-setting key (':' written '__'), with its type.</summary>
    private static Dictionary<string, Type> AppOptionKeys()
    {
        var keys = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in OptionsTypes().Where(t => !StandaloneHostOnly.Contains(t.FullName!)))
        {
            var section = (string)type.GetField("Section", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
            Walk(type, section.Replace(":", "__", StringComparison.Ordinal), keys);
        }

        return keys;
    }

    private static void Walk(Type type, string prefix, Dictionary<string, Type> keys)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var key = prefix + "__" + property.Name;
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType.IsClass && propertyType != typeof(string) && propertyType != typeof(Uri) && !propertyType.IsArray)
            {
                Walk(propertyType, key, keys);
            }
            else
            {
                keys[key] = propertyType;
            }
        }
    }

    private static IEnumerable<Type> OptionsTypes() =>
        Directory.GetDirectories(Repo.PathOf("functions"))
            .Select(d => Assembly.Load(new AssemblyName(Path.GetFileName(d))))
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } f && f.FieldType == typeof(string));
}
