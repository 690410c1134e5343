using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Deliberation.Host.Engine;
using Deliberation.Storage;
using Microsoft.Extensions.Options;

namespace Deliberation.IntegrationTests.Deployment;

/// <summary>
/// Which access the storage settings choose (a connection string for Azurite, or the app's identity at the service
/// endpoints), and that the clients then built (the app's and the workflow engine's) use it. No Azure: the identity
/// is a credential that records what it was asked for and refuses, so a request fails before it leaves the process.
/// </summary>
public sealed class StorageAccessTests
{
    [Fact]
    public void ConnectionStringOnly_UsesTheConnectionString()
    {
        var access = Choose(new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" });

        Assert.False(access.UsesIdentity);
        Assert.Equal("UseDevelopmentStorage=true", access.ConnectionString);
        Assert.Null(access.TableServiceUri);
    }

    [Fact]
    public void AccountNameOnly_UsesTheIdentityAtTheAccountsEndpoints()
    {
        var access = Choose(new StorageOptions { AccountName = "stdelibxinqiao" });

        Assert.True(access.UsesIdentity);
        Assert.Null(access.ConnectionString);
        Assert.Equal(new Uri("https://stdelibxinqiao.table.core.windows.net/"), access.TableServiceUri);
        Assert.Equal(new Uri("https://stdelibxinqiao.queue.core.windows.net/"), access.QueueServiceUri);
        Assert.Equal(new Uri("https://stdelibxinqiao.blob.core.windows.net/"), access.BlobServiceUri);
    }

    [Fact]
    public void ServiceUrisAsInfraSetsThem_UseTheIdentityWithoutABlobEndpoint()
    {
        // infra/ sets Storage__TableServiceUri and Storage__QueueServiceUri (the Functions app needs no blobs of its own).
        var access = Choose(new StorageOptions
        {
            TableServiceUri = new Uri("https://stdelib.table.core.chinacloudapi.cn/"),
            QueueServiceUri = new Uri("https://stdelib.queue.core.chinacloudapi.cn/"),
        });

        Assert.True(access.UsesIdentity);
        Assert.Equal("stdelib.table.core.chinacloudapi.cn", access.TableServiceUri!.Host);
        Assert.Equal("stdelib.queue.core.chinacloudapi.cn", access.QueueServiceUri!.Host);
        Assert.Null(access.BlobServiceUri);
    }

    [Fact]
    public void ServiceUriWithAccountName_OverridesThatServicesEndpointOnly()
    {
        var access = Choose(new StorageOptions { AccountName = "stdelib", QueueServiceUri = new Uri("https://queues.example.cn/") });

        Assert.Equal(new Uri("https://queues.example.cn/"), access.QueueServiceUri);
        Assert.Equal(new Uri("https://stdelib.table.core.windows.net/"), access.TableServiceUri);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "stdelib", null, "Storage:ConnectionString and Storage:AccountName / Storage:*ServiceUri are alternatives")]
    [InlineData(null, null, null, "No storage account: set Storage:ConnectionString")]
    [InlineData(null, "St-Delib", null, "Storage:AccountName must be 3 to 24 lower-case letters and digits")]
    [InlineData(null, null, "https://stdelib.table.core.windows.net/", "Storage:QueueServiceUri is needed")]
    [InlineData(null, "stdelib", "http://stdelib.table.core.windows.net/", "Storage:TableServiceUri must be an absolute https:// address")]
    public void AmbiguousIncompleteOrUnsafeSettings_AreRefused_NamingTheSetting(string? connectionString, string? accountName, string? tableUri, string expected)
    {
        var options = new StorageOptions
        {
            ConnectionString = connectionString,
            AccountName = accountName,
            TableServiceUri = tableUri is null ? null : new Uri(tableUri),
        };

        Assert.False(StorageAccess.TryChoose(options, out _, out var problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        var validation = new StorageAccess.Validation().Validate(null, options);
        Assert.True(validation.Failed);
        Assert.Contains(expected, validation.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppClients_WithIdentitySettings_AskTheGivenCredentialForAStorageToken()
    {
        var credential = new RecordingCredential();
        var clients = new StorageClients(Options.Create(new StorageOptions { AccountName = "stdelibtest", Prefix = "t1" }), new StorageRequestCounter(), credential);

        Assert.Equal("stdelibtest.table.core.windows.net", clients.Cases.Uri.Host);
        Assert.Equal("stdelibtest.queue.core.windows.net", clients.Queue(clients.Names.WeChatInbox).Uri.Host);
        await Assert.ThrowsAsync<RecordingCredential.Asked>(() => clients.Cases.GetEntityIfExistsAsync<TableEntity>("p", "r"));
        await Assert.ThrowsAsync<RecordingCredential.Asked>(() => clients.Queue(clients.Names.WeChatInbox).GetPropertiesAsync());

        Assert.Equal(2, credential.Scopes.Count);
        Assert.All(credential.Scopes, scope => Assert.Equal("https://storage.azure.com/.default", Assert.Single(scope)));
    }

    [Fact]
    public async Task AppClients_WithAConnectionString_WorkWithoutEverAskingTheCredential()
    {
        var credential = new RecordingCredential();
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = Azurite.ConnectionString, Prefix = Azurite.NewPrefix() }), new StorageRequestCounter(), credential);

        await clients.Cases.CreateIfNotExistsAsync();
        await clients.Queue(clients.Names.WeChatInbox).CreateIfNotExistsAsync();

        Assert.Equal("127.0.0.1", clients.Cases.Uri.Host);
        Assert.Empty(credential.Scopes);
    }

    [Fact]
    public async Task EngineClients_WithIdentitySettings_UseTheCredentialForBlobsQueuesAndTables()
    {
        var credential = new RecordingCredential();
        var provider = InProcessEngine.ClientProvider(Choose(new StorageOptions { AccountName = "stdelibengine" }), credential, new BlobClientOptions(), new QueueClientOptions(), new TableClientOptions());

        var blobs = provider.Blob.CreateClient(provider.Blob.CreateOptions());
        var queues = provider.Queue.CreateClient(provider.Queue.CreateOptions());
        var tables = provider.Table.CreateClient(provider.Table.CreateOptions());
        Assert.Equal("stdelibengine.blob.core.windows.net", blobs.Uri.Host);
        Assert.Equal("stdelibengine.queue.core.windows.net", queues.Uri.Host);
        Assert.Equal("stdelibengine.table.core.windows.net", tables.Uri.Host);
        await Assert.ThrowsAsync<RecordingCredential.Asked>(() => blobs.GetBlobContainerClient("leases").ExistsAsync());
        await Assert.ThrowsAsync<RecordingCredential.Asked>(() => queues.GetQueueClient("control-00").ExistsAsync());
        await Assert.ThrowsAsync<RecordingCredential.Asked>(() => tables.GetTableClient("History").GetEntityIfExistsAsync<TableEntity>("p", "r"));
        Assert.Equal(3, credential.Scopes.Count);
    }

    [Fact]
    public void TaskHub_WithAConnectionStringOfItsOwn_IsOnThatAccount_AndOtherwiseOnTheApps()
    {
        var app = new StorageOptions { AccountName = "stdelibapp" };
        const string own = "DefaultEndpointsProtocol=https;AccountName=stdelibhub;AccountKey=a2V5;EndpointSuffix=core.windows.net";

        var separate = InProcessEngine.HubStorage(new DurableTaskEngineOptions { ConnectionString = own }, app);
        var shared = InProcessEngine.HubStorage(new DurableTaskEngineOptions(), app);

        Assert.Equal(own, separate.ConnectionString);
        Assert.True(shared.UsesIdentity);
        Assert.Equal("stdelibapp.table.core.windows.net", shared.TableServiceUri!.Host);
    }

    [Fact]
    public void EngineClients_WithIdentityButNoBlobEndpoint_AreRefusedNamingTheSetting()
    {
        var access = Choose(new StorageOptions { TableServiceUri = new Uri("https://a.table.core.windows.net/"), QueueServiceUri = new Uri("https://a.queue.core.windows.net/") });

        var refused = Assert.Throws<InvalidOperationException>(() => InProcessEngine.ClientProvider(access, new RecordingCredential(), new BlobClientOptions(), new QueueClientOptions(), new TableClientOptions()));
        Assert.Contains("Storage:BlobServiceUri", refused.Message, StringComparison.Ordinal);
    }

    private static StorageAccess Choose(StorageOptions options)
    {
        Assert.True(StorageAccess.TryChoose(options, out var access, out var problem), problem);
        return access;
    }

    /// <summary>An identity that notes the scopes it is asked a token for, and refuses: no request leaves the process.</summary>
    private sealed class RecordingCredential : TokenCredential
    {
        public ConcurrentQueue<string[]> Scopes { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw Record(requestContext);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw Record(requestContext);

        private Asked Record(TokenRequestContext requestContext)
        {
            Scopes.Enqueue(requestContext.Scopes);
            return new Asked();
        }

        public sealed class Asked : Exception;
    }
}
