using System.Diagnostics;
using System.Diagnostics.Metrics;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Notifications;

namespace Deliberation.Storage.Telemetry;

/// <summary>
/// The storage component's spans and metrics: intake (every channel's cases come through it) and the texts the app
/// sends. Tags carry ids, channels, audiences, templates and outcomes only: never a phone number, a WeChat id, a
/// name or a resident's text.
/// </summary>
public static class StorageTelemetry
{
    public const string Name = "Deliberation.Storage";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> CasesReceived = Meter.CreateCounter<long>(
        "deliberation.cases.received", "{report}", "Reports received, per channel and outcome (created, joined, duplicate, rejected).");

    private static readonly Counter<long> TextsSent = Meter.CreateCounter<long>(
        "deliberation.texts.sent", "{text}", "Texts handed to their provider, per channel (sms, wechat, staff), audience and template.");

    private static readonly Counter<long> TextsFailed = Meter.CreateCounter<long>(
        "deliberation.texts.failed", "{text}", "Texts their provider refused or did not answer (each is retried), per channel, audience and template.");

    public static class Tags
    {
        public const string Channel = "deliberation.channel";
        public const string Outcome = "deliberation.outcome";
        public const string CaseId = "deliberation.case_id";
        public const string Audience = "deliberation.audience";
        public const string Template = "deliberation.template";
        public const string ErrorType = "error.type";
    }

    public static void Received(Channel channel, string outcome) =>
        CasesReceived.Add(1, new(Tags.Channel, ChannelName(channel)), new(Tags.Outcome, outcome));

    public static void Sent(string channel, OutboundText text) =>
        TextsSent.Add(1, new(Tags.Channel, channel), new(Tags.Audience, text.Audience.ToString()), new(Tags.Template, text.Template));

    public static void Failed(string channel, OutboundText text, Exception error) =>
        TextsFailed.Add(1, new(Tags.Channel, channel), new(Tags.Audience, text.Audience.ToString()), new(Tags.Template, text.Template), new(Tags.ErrorType, error.GetType().Name));

    public static string ChannelName(Channel channel) => channel.ToString().ToLowerInvariant();
}
