using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.IntegrationTests;

/// <summary>The API reference: the OpenAPI document the standalone host serves, and the readable page made from it.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private const string Page = "docs/api.md";
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task OpenApiDocument_ListsEveryEndpointTheHostMaps()
    {
        var document = await DocumentAsync();
        var documented = Operations(document).Select(o => $"{o.Method} {o.Path}").ToHashSet(StringComparer.Ordinal);

        var mapped = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && route.StartsWith("/api", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(mapped);
        Assert.Equal(mapped.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ApiReferencePage_IsTheOpenApiDocumentAsItStands()
    {
        var page = Render(await DocumentAsync());
        var path = Path.Combine(Azurite.RepoRoot, Page);
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, page);
        }

        Assert.True(File.Exists(path), $"{Page} is missing: run ./dev docs.");
        Assert.Equal(page, (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n"));
    }

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await _app.CreateClient().GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private sealed record Operation(string Method, string Path, string Tag, bool Anonymous, string Summary);

    private static IEnumerable<Operation> Operations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                {
                    continue;
                }

                var tag = operation!["tags"]?[0]?.GetValue<string>() ?? "";
                var summary = operation["summary"]?.GetValue<string>() ?? operation["operationId"]?.GetValue<string>() ?? "";
                yield return new Operation(method.ToUpperInvariant(), path, tag, operation["security"] is null, summary);
            }
        }
    }

    /// <summary>A route as OpenAPI writes it: no constraints or defaults in its parameters.</summary>
    private static string Normalise(string route)
    {
        var text = new StringBuilder();
        var inParameter = false;
        var skipping = false;
        foreach (var c in route)
        {
            if (c == '{')
            {
                inParameter = true;
                skipping = false;
                text.Append(c);
            }
            else if (c == '}')
            {
                inParameter = false;
                skipping = false;
                text.Append(c);
            }
            else if (inParameter && (c is ':' or '=' or '?'))
            {
                skipping = true;
            }
            else if (!skipping)
            {
                text.Append(c);
            }
        }

        return text.Length > 1 && text[^1] == '/' ? text.ToString()[..^1] : text.ToString();
    }

    private static string Render(JsonNode document)
    {
        var text = new StringBuilder();
        text.Append("# HTTP API reference\n\n");
        text.Append("Generated from the OpenAPI document the standalone host serves at `/openapi/v1.json` (`./dev up`, then open it);\n");
        text.Append("the Azure Functions app serves the same routes. Kept in step with the code by a test (`./dev docs` rewrites it).\n\n");
        text.Append("Staff endpoints need `Authorization: Bearer …` (a development token `dev:{role}:{unit}:{user}` locally, an Entra ID\n");
        text.Append("token in Azure); public, webhook and health endpoints need none (webhooks check their channel's own signature).\n\n");
        foreach (var group in Operations(document).GroupBy(o => Area(o.Path)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"## {group.Key}\n\n| method | path |\n|---|---|\n");
            foreach (var operation in group.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"| `{operation.Method}` | `{operation.Path}` |\n");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The area of the API a path belongs to: its first segment after /api (public ones by their second).</summary>
    private static string Area(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length switch
        {
            < 2 => "other",
            _ when segments[1] == "public" && segments.Length > 2 => $"public/{segments[2]}",
            _ => segments[1],
        };
    }
}
