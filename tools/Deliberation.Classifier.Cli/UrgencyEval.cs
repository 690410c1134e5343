using Deliberation.Classification.Data;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Routing;

namespace Deliberation.Classifier.Cli;

/// <summary>
/// <c>urgency-eval</c>: runs the emergency detector (with the town's own emergency words) over a labelled set and prints
/// recall and precision for emergencies. Exit code 1 when an emergency is missed.
/// </summary>
internal static class UrgencyEval
{
    public static int Run(Arguments arguments)
    {
        var setPath = arguments.All("set") is [var set] ? set : FromRoot("tests", "Deliberation.Domain.Tests", "Routing", "urgency-set.csv");
        var townPath = arguments.All("town") is [var town] ? town : FromRoot("functions", "Deliberation.Api", "Data", "demo-town.json");
        var examples = LabelledCsv.Read(setPath).Select(e => new UrgencyExample(e.Label, e.Text)).ToList();
        var directory = TownFile.Parse(File.ReadAllText(townPath)).Directory;
        Console.WriteLine($"set:  {setPath}");
        Console.WriteLine($"town: {townPath} ({directory.EmergencyKeywords.Count} emergency words of its own, {UrgencyDetector.CoreWords.Count} built in)");
        var evaluation = UrgencyEvaluation.Run(examples, directory.EmergencyKeywords);
        Console.Write(evaluation.Report());
        return evaluation.Missed.Count == 0 ? 0 : 1;
    }

    /// <summary>A path below the repository root (the folder holding Deliberation.sln), found from the working directory.</summary>
    private static string FromRoot(params string[] parts)
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Deliberation.sln")))
            {
                return Path.Combine([dir.FullName, .. parts]);
            }
        }

        throw new IOException("Run from inside the repository, or give --set and --town.");
    }
}
