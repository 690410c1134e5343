using System.ComponentModel.DataAnnotations;

namespace Deliberation.Api.Apis;

/// <summary><c>PublicApi</c>: limits on what anyone may post without signing in (objections to decisions and their SMS codes).</summary>
public sealed class PublicApiOptions
{
    public const string Section = "PublicApi";

    /// <summary>Posts accepted per client address and minute, counted across instances; more get 429. Not applied when the address is unknown.</summary>
    [Range(1, 100_000)]
    public int MaxWritesPerClientPerMinute { get; set; } = 10;

    /// <summary>Posts accepted per resident (a keyed hash of their mobile) and minute, whatever address they come from, counted across instances.</summary>
    [Range(1, 1_000)]
    public int MaxWritesPerResidentPerMinute { get; set; } = 3;

    /// <summary>Code confirmations accepted per client address and minute, counted across instances; more get 429 (each code also allows only <see cref="ObjectionCodeTries"/> wrong guesses).</summary>
    [Range(1, 100_000)]
    public int MaxConfirmationsPerClientPerMinute { get; set; } = 10;

    /// <summary>How long a texted objection code stays valid (the text says so in whole minutes).</summary>
    public TimeSpan ObjectionCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most one code per mobile within this time, whichever case it is for; a later request gets a code of its own.</summary>
    public TimeSpan ObjectionCodeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Codes texted to one mobile within an hour (from its first), whichever cases they are for.</summary>
    [Range(1, 100)]
    public int ObjectionCodesPerHour { get; set; } = 5;

    /// <summary>Codes texted to one mobile within a day (from its first), whichever cases they are for.</summary>
    [Range(1, 1_000)]
    public int ObjectionCodesPerDay { get; set; } = 10;

    /// <summary>Wrong codes allowed before the pending objection is void and a new code is needed.</summary>
    [Range(1, 20)]
    public int ObjectionCodeTries { get; set; } = 5;

    /// <summary>
    /// Objection codes the town texts in a day (its own calendar day), whoever they are for; past it requests get 429
    /// until midnight while codes already sent can still be confirmed. A bound on what a flood of strangers' numbers
    /// can cost; residents can still object by SMS.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ObjectionCodeTextsPerDay { get; set; } = 500;
}
