using System.Text.RegularExpressions;

namespace Deliberation.Infra.Tests;

/// <summary>The Function App's settings as appSettings.bicep writes them (its compiled variables).</summary>
public sealed partial class AppSettings
{
    private AppSettings(IReadOnlyDictionary<string, string> common, IReadOnlyDictionary<string, string> premiumPlan, IReadOnlyDictionary<string, string> durableTaskScheduler)
    {
        Common = common;
        PremiumPlan = premiumPlan;
        DurableTaskScheduler = durableTaskScheduler;
        All = common.Concat(premiumPlan).Concat(durableTaskScheduler).ToDictionary();
        KeyVaultReferences = All
            .Select(s => (s.Key, Match: KeyVaultReference().Match(s.Value)))
            .Where(s => s.Match.Success)
            .ToDictionary(s => s.Key, s => s.Match.Groups["secret"].Value);
    }

    /// <summary>Every plan, every backend.</summary>
    public IReadOnlyDictionary<string, string> Common { get; }

    /// <summary>Only on Elastic Premium.</summary>
    public IReadOnlyDictionary<string, string> PremiumPlan { get; }

    /// <summary>Only with the Durable Task Scheduler.</summary>
    public IReadOnlyDictionary<string, string> DurableTaskScheduler { get; }

    public IReadOnlyDictionary<string, string> All { get; }

    /// <summary>Setting → the Key Vault secret it refers to.</summary>
    public IReadOnlyDictionary<string, string> KeyVaultReferences { get; }

    public static AppSettings Load(CompiledTemplates templates)
    {
        var module = templates.Module("appSettings");
        var config = Assert.Single(module["resources"]!.AsArray(), r => (string?)r!["type"] == "Microsoft.Web/sites/config")!;
        Assert.Equal(
            "[union(variables('appSettings'), if(equals(parameters('planKind'), 'ElasticPremium'), variables('premiumPlanSettings'), createObject()), if(empty(parameters('durableTaskSchedulerEndpoint')), createObject(), variables('durableTaskSchedulerSettings')))]",
            (string?)config["properties"]);
        var variables = module["variables"]!;
        IReadOnlyDictionary<string, string> Read(string name) =>
            variables[name]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        return new AppSettings(Read("appSettings"), Read("premiumPlanSettings"), Read("durableTaskSchedulerSettings"));
    }

    [GeneratedRegex(@"^\[(?:if\(parameters\('\w+'\), )?format\('@Microsoft\.KeyVault\(SecretUri=\{0\}secrets/(?<secret>[a-z0-9-]+)\)', parameters\('keyVaultUri'\)\)(?:, ''\))?\]$")]
    private static partial Regex KeyVaultReference();
}
