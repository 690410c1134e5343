namespace Deliberation.Api.Hosting;

/// <summary>Background work a host's own triggers do, so the app does not also run it in-process.</summary>
[Flags]
public enum TriggeredWork
{
    None = 0,

    /// <summary>The <c>wechat-inbox</c> queue (a queue trigger instead of the in-process listener).</summary>
    WeChatInbox = 1,

    /// <summary>The daily digest (a timer trigger instead of <see cref="DigestScheduler"/>).</summary>
    DailyDigest = 2,

    /// <summary>The housekeeping sweep (a timer trigger instead of <see cref="SweepService"/>).</summary>
    Sweep = 4,
}
