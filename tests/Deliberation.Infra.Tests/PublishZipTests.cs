using System.IO.Compression;

namespace Deliberation.Infra.Tests;

/// <summary>
/// The zip <c>./dev publish</c> makes (artifacts/publish/deliberation.zip), as it would be deployed. Made here through
/// the same command when missing or older than the app's sources. Skipped while functions/Deliberation.Functions is not in the tree.
/// </summary>
public sealed class PublishZipTests
{
    private static readonly Lazy<string> Zip = new(() =>
    {
        var zip = Repo.PathOf("artifacts", "publish", "deliberation.zip");
        if (!File.Exists(zip) || IsStale(zip))
        {
            Repo.Dev("publish", TimeSpan.FromMinutes(15));
        }

        return zip;
    });

    private static bool IsStale(string zip)
    {
        var made = File.GetLastWriteTimeUtc(zip);
        return new[] { "functions", "web" }.Select(d => Repo.PathOf(d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/node_modules/", StringComparison.Ordinal))
            .Append(Repo.PathOf("host.json"))
            .Any(f => File.GetLastWriteTimeUtc(f) > made);
    }

    [FactWhenFunctionsApp]
    public void The_zip_holds_the_functions_the_host_indexes_and_its_extensions()
    {
        using var archive = ZipFile.OpenRead(Zip.Value);
        var names = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("host.json", names);
        Assert.Contains("functions.metadata", names);
        Assert.Contains("worker.config.json", names);
        Assert.Contains("Deliberation.Functions.dll", names);
        Assert.Contains(names, n => n.StartsWith("Data/", StringComparison.Ordinal));

        // The WebJobs extensions the Functions host loads (extensions.json names them), Durable Task's among them.
        Assert.Contains("extensions.json", names);
        Assert.Contains(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", names);
        Assert.Contains(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll", names);
        using (var extensions = new StreamReader(archive.GetEntry("extensions.json")!.Open()))
        {
            Assert.Contains("DurableTask", extensions.ReadToEnd(), StringComparison.Ordinal);
        }

        using var metadata = new StreamReader(archive.GetEntry("functions.metadata")!.Open());
        var text = metadata.ReadToEnd();
        Assert.Contains("orchestrationTrigger", text, StringComparison.Ordinal);
        Assert.Contains("activityTrigger", text, StringComparison.Ordinal);

        using var host = new StreamReader(archive.GetEntry("host.json")!.Open());
        Assert.Contains("\"durableTask\"", host.ReadToEnd(), StringComparison.Ordinal);
    }

    [FactWhenFunctionsApp]
    public void The_zip_carries_the_site_when_there_is_one()
    {
        using var archive = ZipFile.OpenRead(Zip.Value);
        var site = archive.Entries.Where(e => e.FullName.StartsWith("wwwroot/", StringComparison.Ordinal)).ToList();
        if (File.Exists(Repo.PathOf("web", "package.json")))
        {
            Assert.Contains(site, e => e.Name == "index.html");
        }
        else
        {
            Assert.Empty(site);
        }
    }

    private sealed class FactWhenFunctionsAppAttribute : FactAttribute
    {
        public FactWhenFunctionsAppAttribute()
        {
            if (!File.Exists(Repo.PathOf("functions", "Deliberation.Functions", "Deliberation.Functions.csproj")))
            {
                Skip = "functions/Deliberation.Functions is not in this tree yet: ./dev publish has nothing to publish.";
            }
        }
    }
}
