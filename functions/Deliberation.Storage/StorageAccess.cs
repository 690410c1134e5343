using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Deliberation.Storage;

/// <summary>
/// How the app reaches its storage account, chosen from <see cref="StorageOptions"/>: with a connection string
/// (Azurite, or an account whose shared keys are on), or with the app's identity (a <see cref="TokenCredential"/>,
/// <see cref="DefaultAzureCredential"/> unless the host gives another) at the service endpoints. The two are
/// alternatives: settings that name both are refused rather than one silently winning.
/// </summary>
public sealed partial record StorageAccess
{
    private StorageAccess(string? connectionString, Uri? tables, Uri? queues, Uri? blobs)
    {
        ConnectionString = connectionString;
        TableServiceUri = tables;
        QueueServiceUri = queues;
        BlobServiceUri = blobs;
    }

    /// <summary>Set when the account is reached with a connection string; null when with the identity.</summary>
    public string? ConnectionString { get; }

    public Uri? TableServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    /// <summary>Null unless named (or the account name gives it): only the standalone host's engine needs blobs.</summary>
    public Uri? BlobServiceUri { get; }

    public bool UsesIdentity => ConnectionString is null;

    /// <summary>The access the settings describe, or why they describe none (naming the settings, never their values).</summary>
    public static bool TryChoose(StorageOptions options, out StorageAccess access, out string? problem)
    {
        access = new StorageAccess(null, null, null, null);
        var connectionString = Blank(options.ConnectionString) ? null : options.ConnectionString;
        var accountName = Blank(options.AccountName) ? null : options.AccountName!.Trim();
        var identitySettings = accountName is not null || options.TableServiceUri is not null || options.QueueServiceUri is not null || options.BlobServiceUri is not null;

        if (connectionString is not null)
        {
            problem = identitySettings
                ? "Storage:ConnectionString and Storage:AccountName / Storage:*ServiceUri are alternatives (a key, or the app's identity): set one of them."
                : null;
            access = new StorageAccess(connectionString, null, null, null);
            return problem is null;
        }

        if (!identitySettings)
        {
            problem = "No storage account: set Storage:ConnectionString (UseDevelopmentStorage=true for Azurite), or Storage:AccountName "
                + "or Storage:TableServiceUri and Storage:QueueServiceUri to reach it with the app's identity.";
            return false;
        }

        if (accountName is not null && !AccountNamePattern().IsMatch(accountName))
        {
            problem = "Storage:AccountName must be 3 to 24 lower-case letters and digits.";
            return false;
        }

        var tables = options.TableServiceUri ?? Endpoint(accountName, "table");
        var queues = options.QueueServiceUri ?? Endpoint(accountName, "queue");
        var blobs = options.BlobServiceUri ?? Endpoint(accountName, "blob");
        if (tables is null || queues is null)
        {
            problem = $"Storage:{(tables is null ? nameof(StorageOptions.TableServiceUri) : nameof(StorageOptions.QueueServiceUri))} is needed (or Storage:AccountName) to reach storage with the app's identity.";
            return false;
        }

        // Tokens are only ever sent over TLS (the Azure SDK refuses otherwise, at the first request rather than at start).
        foreach (var (name, uri) in new[] { ("TableServiceUri", tables), ("QueueServiceUri", queues), ("BlobServiceUri", blobs) })
        {
            if (uri is not null && (!uri.IsAbsoluteUri || uri.Scheme != Uri.UriSchemeHttps))
            {
                problem = $"Storage:{name} must be an absolute https:// address: the app's identity is only sent over TLS.";
                return false;
            }
        }

        problem = null;
        access = new StorageAccess(null, tables, queues, blobs);
        return true;
    }

    /// <summary>The access the options describe; they were validated at start (<see cref="Validation"/>).</summary>
    public static StorageAccess From(StorageOptions options) =>
        TryChoose(options, out var access, out var problem) ? access : throw new InvalidOperationException(problem);

    /// <summary>The identity to reach storage with: the host's, else <see cref="DefaultAzureCredential"/> (managed identity in Azure, the developer's sign-in elsewhere).</summary>
    public static TokenCredential Identity(TokenCredential? given) => given ?? new DefaultAzureCredential();

    public TableServiceClient Tables(TableClientOptions options, TokenCredential? credential) =>
        UsesIdentity ? new TableServiceClient(TableServiceUri, Identity(credential), options) : new TableServiceClient(ConnectionString, options);

    public QueueServiceClient Queues(QueueClientOptions options, TokenCredential? credential) =>
        UsesIdentity ? new QueueServiceClient(QueueServiceUri, Identity(credential), options) : new QueueServiceClient(ConnectionString, options);

    private static Uri? Endpoint(string? accountName, string service) =>
        accountName is null ? null : new Uri($"https://{accountName}.{service}.core.windows.net/");

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex AccountNamePattern();

    /// <summary>Refuses start-up when the storage settings describe no access, or two.</summary>
    public sealed class Validation : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            TryChoose(options, out _, out var problem) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problem!);
    }
}
