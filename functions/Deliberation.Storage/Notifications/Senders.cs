using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Notifications;

/// <summary>One text for one recipient. <paramref name="To"/> is an E.164 number or a WeChat openid.</summary>
public sealed record OutboundText(string NotificationId, string CaseId, Channel Channel, string To, string Text, Audience Audience, string Template, string? UnitId);

/// <summary>Sends SMS through a provider (Azure Communication Services, Twilio …).</summary>
public interface ISmsSender
{
    Task SendAsync(OutboundText message, CancellationToken cancellationToken);
}

/// <summary>Sends to a WeChat follower (customer-service message, falling back to a template message).</summary>
public interface IWeChatSender
{
    Task SendAsync(OutboundText message, CancellationToken cancellationToken);
}

/// <summary>Tells staff (a unit, the town's duty leader, representatives). Contacts of staff come with the directory work.</summary>
public interface IStaffNotifier
{
    Task SendAsync(OutboundText message, CancellationToken cancellationToken);
}
