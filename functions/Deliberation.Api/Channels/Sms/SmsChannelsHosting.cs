using Deliberation.Api.Channels.Hotline;
using Deliberation.Api.RateLimiting;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.Sms;

public static class SmsChannelsHosting
{
    /// <summary>The SMS webhooks' services, the hotline transcript options, and the configured SMS provider in place of the development outbox.</summary>
    public static IHostApplicationBuilder AddSmsChannels(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid(out _), "Channels:Sms: the chosen provider lacks its sending settings (see README, Configuration).")
            .ValidateOnStart();
        services.AddOptions<HotlineTranscriptOptions>().BindConfiguration(HotlineTranscriptOptions.Section)
            .Validate(o => o.TranscriptWindow > TimeSpan.Zero, "Channels:Hotline:TranscriptWindow must be positive.")
            .ValidateOnStart();

        services.AddHttpClient(AcsSmsSender.HttpClientName);
        services.AddHttpClient(TwilioSmsSender.HttpClientName);
        services.AddKeyedSingleton(PerKeyRateLimiter.Names.SmsSenders, (sp, _) =>
        {
            var permits = sp.GetRequiredService<IOptions<SmsOptions>>().Value.MaxMessagesPerMinute;
            return new PerKeyRateLimiter(_ => permits);
        });
        services.AddSingleton<SmsConversation>();
        services.AddSingleton<SmsReplies>();
        services.Replace(ServiceDescriptor.Singleton<ISmsSender>(sp => sp.GetRequiredService<IOptions<SmsOptions>>().Value.SendingProvider switch
        {
            SmsProvider.Acs => ActivatorUtilities.CreateInstance<AcsSmsSender>(sp),
            SmsProvider.Twilio => ActivatorUtilities.CreateInstance<TwilioSmsSender>(sp),
            _ => sp.GetRequiredService<DevelopmentOutbox>(),
        }));
        return builder;
    }
}
