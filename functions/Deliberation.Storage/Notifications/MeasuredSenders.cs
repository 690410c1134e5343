using System.Diagnostics;
using Deliberation.Storage.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.Storage.Notifications;

/// <summary>
/// Counts and traces every text, whichever provider the host registered for it (the development outbox, Twilio,
/// ACS, the WeChat API): the senders are wrapped where they are registered, so no call site can forget.
/// </summary>
public static class MeasuredSenders
{
    /// <summary>Wraps the registered SMS, WeChat and staff senders; call after every channel has registered its own.</summary>
    public static IServiceCollection MeasureTextSenders(this IServiceCollection services)
    {
        Decorate<ISmsSender>(services, inner => new Sms(inner));
        Decorate<IWeChatSender>(services, inner => new WeChat(inner));
        Decorate<IStaffNotifier>(services, inner => new Staff(inner));
        return services;
    }

    /// <summary>One send as a span, counted as sent or failed. Only the error's type is kept: a provider's message may echo the number.</summary>
    private static async Task MeasureAsync(string channel, OutboundText text, Func<Task> send)
    {
        using var activity = StorageTelemetry.Source.StartActivity("text.send");
        activity?.SetTag(StorageTelemetry.Tags.Channel, channel);
        activity?.SetTag(StorageTelemetry.Tags.CaseId, text.CaseId);
        activity?.SetTag(StorageTelemetry.Tags.Audience, text.Audience.ToString());
        activity?.SetTag(StorageTelemetry.Tags.Template, text.Template);
        try
        {
            await send();
        }
        catch (Exception e)
        {
            StorageTelemetry.Failed(channel, text, e);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }

        StorageTelemetry.Sent(channel, text);
    }

    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap)
        where T : class
    {
        if (services.LastOrDefault(d => d.ServiceType == typeof(T) && !d.IsKeyedService) is not { } registered)
        {
            return;
        }

        services.Remove(registered);
        services.Add(ServiceDescriptor.Describe(typeof(T), sp => wrap((T)Create(sp, registered)), registered.Lifetime));
    }

    private static object Create(IServiceProvider services, ServiceDescriptor registered) =>
        registered.ImplementationInstance
        ?? registered.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!);

    private sealed class Sms(ISmsSender inner) : ISmsSender
    {
        public Task SendAsync(OutboundText message, CancellationToken cancellationToken) => MeasureAsync("sms", message, () => inner.SendAsync(message, cancellationToken));
    }

    private sealed class WeChat(IWeChatSender inner) : IWeChatSender
    {
        public Task SendAsync(OutboundText message, CancellationToken cancellationToken) => MeasureAsync("wechat", message, () => inner.SendAsync(message, cancellationToken));
    }

    private sealed class Staff(IStaffNotifier inner) : IStaffNotifier
    {
        public Task SendAsync(OutboundText message, CancellationToken cancellationToken) => MeasureAsync("staff", message, () => inner.SendAsync(message, cancellationToken));
    }
}
