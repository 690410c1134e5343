using System.Text.Json.Nodes;

namespace Deliberation.Infra.Tests;

/// <summary>What the compiled templates must hold: identities instead of keys, the data roles, Key Vault, outputs.</summary>
public sealed class TemplateTests
{
    // Built-in role definitions, the same ids in every tenant.
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string DurableTaskDataContributor = "0ad04412-c4d5-4796-b79c-f76d14c8d402";

    private readonly CompiledTemplates _templates = CompiledTemplates.Load();

    [Theory]
    [InlineData(StorageBlobDataOwner, "Microsoft.Storage/storageAccounts")]
    [InlineData(StorageQueueDataContributor, "Microsoft.Storage/storageAccounts")]
    [InlineData(StorageTableDataContributor, "Microsoft.Storage/storageAccounts")]
    [InlineData(MonitoringMetricsPublisher, "Microsoft.Insights/components")]
    [InlineData(KeyVaultSecretsUser, "Microsoft.KeyVault/vaults")]
    [InlineData(DurableTaskDataContributor, "Microsoft.DurableTask/schedulers")]
    public void The_apps_identity_holds_each_role_on_its_resource(string roleId, string scopeType)
    {
        var assignment = Assert.Single(_templates.ResourcesOf("Microsoft.Authorization/roleAssignments"),
            r => _templates.Resolved(r, (string)r["properties"]!["roleDefinitionId"]!).Contains($"'Microsoft.Authorization/roleDefinitions', '{roleId}')", StringComparison.Ordinal));
        var principal = (string?)assignment["properties"]!["principalId"];
        Assert.Contains("'Microsoft.Web/sites'", principal, StringComparison.Ordinal);
        Assert.EndsWith(".identity.principalId]", principal, StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.Contains(scopeType, (string?)assignment["scope"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_app_has_a_system_assigned_identity_and_runs_dotnet_isolated_10_on_flex_consumption()
    {
        var site = Assert.Single(_templates.ResourcesOf("Microsoft.Web/sites"));
        Assert.Equal("SystemAssigned", (string?)site["identity"]!["type"]);
        Assert.True((bool?)site["properties"]!["httpsOnly"]);

        // functionAppConfig is given for Flex Consumption only (EP1 names its runtime in settings).
        var config = (string?)site["properties"]!["functionAppConfig"];
        Assert.NotNull(config);
        foreach (var part in new[] { "'dotnet-isolated'", "'10.0'", "'SystemAssignedIdentity'", "'blobContainer'", "maximumInstanceCount", "instanceMemoryMB", "alwaysReady", "'http'" })
        {
            Assert.Contains(part, config, StringComparison.Ordinal);
        }

        var plan = Assert.Single(_templates.ResourcesOf("Microsoft.Web/serverfarms"));
        Assert.Contains("'FlexConsumption'", (string?)plan["sku"], StringComparison.Ordinal);
        Assert.Contains("'EP1'", (string?)plan["sku"], StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_refuses_shared_keys()
    {
        var account = Assert.Single(_templates.ResourcesOf("Microsoft.Storage/storageAccounts"));
        var properties = account["properties"]!;
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        foreach (var service in new[] { "blobServices", "queueServices", "tableServices" })
        {
            Assert.Single(_templates.ResourcesOf("Microsoft.Storage/storageAccounts/" + service));
        }

        Assert.Single(_templates.ResourcesOf("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Fact]
    public void No_key_or_connection_string_of_storage_appears_anywhere()
    {
        var text = _templates.Main.ToJsonString();
        foreach (var banned in new[] { "AccountKey=", "DefaultEndpointsProtocol", "SharedAccessSignature", "listAccountSas", "listServiceSas", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING" })
        {
            Assert.DoesNotContain(banned, text, StringComparison.OrdinalIgnoreCase);
        }

        // listKeys is called once: ACS's connection string, written straight into Key Vault.
        var listKeys = _templates.AllResources().Where(r => r.ToJsonString().Contains("listKeys(", StringComparison.Ordinal) && (string?)r["type"] != "Microsoft.Resources/deployments").ToList();
        var secret = Assert.Single(listKeys);
        Assert.Equal("Microsoft.KeyVault/vaults/secrets", (string?)secret["type"]);
        Assert.Contains("Microsoft.Communication/communicationServices", secret.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_host_reaches_its_storage_with_the_identity()
    {
        var settings = AppSettings.Load(_templates);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.All.Keys);
        Assert.Equal("managedidentity", settings.All["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('blobEndpoint')]", settings.All["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal("[parameters('queueEndpoint')]", settings.All["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal("[parameters('tableEndpoint')]", settings.All["AzureWebJobsStorage__tableServiceUri"]);
        Assert.Equal("[parameters('tableEndpoint')]", settings.All["Storage__TableServiceUri"]);
        Assert.Equal("[parameters('queueEndpoint')]", settings.All["Storage__QueueServiceUri"]);
        Assert.DoesNotContain("Storage__ConnectionString", settings.All.Keys);
        Assert.Equal("SystemAssigned", settings.PremiumPlan["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);
    }

    [Fact]
    public void Application_insights_is_workspace_based_and_takes_entra_id_only()
    {
        var component = Assert.Single(_templates.ResourcesOf("Microsoft.Insights/components"));
        Assert.True((bool)component["properties"]!["DisableLocalAuth"]!);
        Assert.Contains("Microsoft.OperationalInsights/workspaces", (string?)component["properties"]!["WorkspaceResourceId"], StringComparison.Ordinal);
        var settings = AppSettings.Load(_templates);
        Assert.Equal("Authorization=AAD", settings.All["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("[parameters('appInsightsConnectionString')]", settings.All["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void Key_vault_authorizes_with_rbac_and_holds_every_secret_the_settings_refer_to()
    {
        var vault = Assert.Single(_templates.ResourcesOf("Microsoft.KeyVault/vaults"));
        Assert.True((bool)vault["properties"]!["enableRbacAuthorization"]!);

        var stored = _templates.Module("keyVault")["variables"]!["secretNames"]!.AsArray().Select(n => (string)n!).ToHashSet();
        stored.Add("acs-connection-string"); // written by communication.bicep from listKeys
        var referred = AppSettings.Load(_templates).KeyVaultReferences.Values.ToHashSet();
        Assert.Equal(stored.Order(), referred.Order());

        // main.bicep hands every secret parameter to the vault, under the name the settings use.
        var handed = _templates.Main["resources"]!.AsArray().Select(r => r!.AsObject())
            .Single(r => (string?)r["name"] == "keyVault")["properties"]!["parameters"]!["secretValues"]!["value"]!.AsObject();
        Assert.Equal(stored.Where(s => s != "acs-connection-string").Order(), handed.Select(p => p.Key).Order());
    }

    [Fact]
    public void Secrets_are_secure_parameters_without_defaults_read_from_the_environment()
    {
        var parameters = _templates.Main["parameters"]!.AsObject();
        var secure = parameters.Where(p => (string?)p.Value!["type"] == "securestring").Select(p => p.Key).ToList();
        Assert.Equal(11, secure.Count);
        Assert.All(secure, name => Assert.Null(parameters[name]!["defaultValue"]));

        foreach (var file in Directory.GetFiles(Repo.PathOf("infra"), "*.bicepparam"))
        {
            var lines = File.ReadAllLines(file);
            foreach (var name in secure)
            {
                var line = Assert.Single(lines, l => l.StartsWith($"param {name} = ", StringComparison.Ordinal));
                Assert.Matches(@"= readEnvironmentVariable\('DELIBERATION_[A-Z0-9_]+'\)$", line);
            }
        }

        Assert.Equal(["dev", "prod"], _templates.Parameters.Keys.Order());
    }

    [Theory]
    [InlineData("weChatServerUrl", "/api/wechat")]
    [InlineData("twilioWebhookUrl", "/api/sms/twilio")]
    [InlineData("acsWebhookUrl", "/api/sms/acs")]
    [InlineData("aliyunWebhookUrl", "/api/sms/aliyun")]
    [InlineData("hotlineTranscriptsUrl", "/api/hotline/transcripts")]
    [InlineData("open311BaseUrl", "/api/open311/v2/")]
    [InlineData("functionAppName", null)]
    [InlineData("staticSiteUrl", null)]
    public void Outputs_name_what_each_channel_is_given(string output, string? route)
    {
        var value = (string?)_templates.Main["outputs"]![output]?["value"];
        Assert.NotNull(value);
        if (route is not null)
        {
            Assert.Contains(route, value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_wechat_server_url_is_the_apps_wechat_route()
    {
        var value = (string?)_templates.Main["outputs"]!["weChatServerUrl"]!["value"];
        Assert.Contains(Deliberation.Api.Channels.WeChat.WeChatEndpoint.Route + "'", value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_static_site_has_the_function_app_as_its_backend()
    {
        var backend = Assert.Single(_templates.ResourcesOf("Microsoft.Web/staticSites/linkedBackends"));
        Assert.Equal("[parameters('functionAppId')]", (string?)backend["properties"]!["backendResourceId"]);
        var site = Assert.Single(_templates.ResourcesOf("Microsoft.Web/staticSites"));
        Assert.Equal("Standard", (string?)site["sku"]!["name"]);
    }

    [Fact]
    public void Incoming_acs_texts_reach_the_acs_webhook_through_event_grid()
    {
        var subscription = Assert.Single(_templates.ResourcesOf("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
        Assert.Equal("Microsoft.Communication.SMSReceived", (string?)subscription["properties"]!["filter"]!["includedEventTypes"]![0]);
        Assert.Equal("WebHook", (string?)subscription["properties"]!["destination"]!["endpointType"]);

        var url = (string?)_templates.Main["resources"]!.AsArray().Select(r => r!.AsObject())
            .Single(r => (string?)r["name"] == "webhooks")["properties"]!["parameters"]!["acsWebhookUrl"]!["value"];
        Assert.Contains("/api/sms/acs?code=", url, StringComparison.Ordinal);
        Assert.Contains("parameters('acsWebhookKey')", url, StringComparison.Ordinal);

        var topic = Assert.Single(_templates.ResourcesOf("Microsoft.EventGrid/systemTopics"));
        Assert.Equal("Microsoft.Communication.CommunicationServices", (string?)topic["properties"]!["topicType"]);
    }

    [Fact]
    public void The_durable_task_scheduler_switch_overrides_the_storage_provider()
    {
        Assert.Single(_templates.ResourcesOf("Microsoft.DurableTask/schedulers"));
        Assert.Single(_templates.ResourcesOf("Microsoft.DurableTask/schedulers/taskHubs"));
        var settings = AppSettings.Load(_templates).DurableTaskScheduler;
        Assert.Equal("azureManaged", settings["AzureFunctionsJobHost__extensions__durableTask__storageProvider__type"]);
        Assert.Equal("DURABLE_TASK_SCHEDULER_CONNECTION_STRING", settings["AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName"]);
        Assert.Contains("Authentication=ManagedIdentity", settings["DURABLE_TASK_SCHEDULER_CONNECTION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_parameters_files_pick_the_documented_plans()
    {
        JsonNode Value(string env, string name) => _templates.Parameters[env]["parameters"]![name]!["value"]!;
        Assert.Equal("FlexConsumption", (string?)Value("dev", "planKind"));
        Assert.False((bool)Value("dev", "useDurableTaskScheduler"));
        Assert.False((bool)Value("prod", "useDurableTaskScheduler")); // until the app carries the Scheduler's extension
        Assert.True((bool)Value("prod", "deployCommunicationServices"));
        Assert.Equal(1, (int)Value("prod", "alwaysReadyHttpInstances"));
    }
}
