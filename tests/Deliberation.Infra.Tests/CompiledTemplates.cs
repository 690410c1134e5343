using System.Text.Json.Nodes;

namespace Deliberation.Infra.Tests;

/// <summary>
/// The ARM JSON that <c>./dev infra</c> compiles from infra/ (into artifacts/infra/). <c>./dev test</c> runs it before
/// the tests; run alone, the tests compile the templates once through the same command.
/// </summary>
public sealed class CompiledTemplates
{
    private static readonly Lazy<CompiledTemplates> Instance = new(() => new CompiledTemplates());

    private CompiledTemplates()
    {
        var folder = Repo.PathOf("artifacts", "infra");
        if (!File.Exists(Path.Combine(folder, "main.json")) || IsStale(folder))
        {
            Repo.Dev("infra", TimeSpan.FromMinutes(5));
        }

        Main = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "main.json")))!.AsObject();
        Parameters = Directory.GetFiles(Repo.PathOf("infra"), "*.bicepparam")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .ToDictionary(n => n, n => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, n + ".parameters.json")))!.AsObject());
    }

    public static CompiledTemplates Load() => Instance.Value;

    public JsonObject Main { get; }

    /// <summary>Compiled parameters per environment (dev, prod), by the .bicepparam file's name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Parameters { get; }

    /// <summary>The template of a module deployment of main.bicep, by its deployment name.</summary>
    public JsonObject Module(string name) =>
        Main["resources"]!.AsArray().Select(r => r!.AsObject())
            .Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name)["properties"]!["template"]!.AsObject();

    /// <summary>Every resource of main.bicep and its modules, nested deployments included.</summary>
    public IEnumerable<JsonObject> AllResources() => ResourcesOf(Main).Select(r => r.Resource);

    /// <summary>
    /// An expression of a resource with the template's variables of the form <c>variables('x').y</c> put in as the
    /// literals they are (role definition ids are named once per template).
    /// </summary>
    public string Resolved(JsonObject resource, string expression)
    {
        var template = ResourcesOf(Main).Single(r => ReferenceEquals(r.Resource, resource)).Template;
        return System.Text.RegularExpressions.Regex.Replace(expression, @"variables\('(\w+)'\)\.(\w+)",
            m => "'" + (string?)template["variables"]![m.Groups[1].Value]![m.Groups[2].Value] + "'");
    }

    public IEnumerable<JsonObject> ResourcesOf(string type) =>
        AllResources().Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<(JsonObject Resource, JsonObject Template)> ResourcesOf(JsonObject template)
    {
        foreach (var resource in template["resources"]?.AsArray().Select(r => r!.AsObject()) ?? [])
        {
            yield return (resource, template);
            if (resource["properties"] is JsonObject { } properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in ResourcesOf(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool IsStale(string folder)
    {
        var compiled = File.GetLastWriteTimeUtc(Path.Combine(folder, "main.json"));
        return Directory.EnumerateFiles(Repo.PathOf("infra"), "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Repo.PathOf("infra", "tools"), StringComparison.Ordinal))
            .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith(".bicepparam", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Any(f => File.GetLastWriteTimeUtc(f) > compiled);
    }
}
