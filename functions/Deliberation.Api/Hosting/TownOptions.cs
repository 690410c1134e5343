using System.ComponentModel.DataAnnotations;

namespace Deliberation.Api.Hosting;

/// <summary>Where the town's data files are. Relative paths are resolved beside the executable.</summary>
public sealed class TownOptions
{
    public const string Section = "Town";

    [Required]
    public string DirectoryFile { get; set; } = "Data/demo-town.json";

    [Required]
    public string CalendarFile { get; set; } = "Data/calendars.json";

    /// <summary>host.json, whose <c>extensions.queues</c> section drives the in-process queue listeners.</summary>
    [Required]
    public string HostJson { get; set; } = "host.json";

    public static string Resolve(string path) =>
        Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}
