using Deliberation.Api.RateLimiting;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.WeChat;

public static class WeChatChannel
{
    /// <summary>
    /// The official account: its endpoint's services always (it answers 404 until a token is configured), and the
    /// real sender in place of the development outbox when an AppId and AppSecret are configured.
    /// </summary>
    public static IHostApplicationBuilder AddWeChatChannel(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WeChatOptions>().BindConfiguration(WeChatOptions.Section)
            .Validate(o => !o.Problems().Any(), "Channels:WeChat is misconfigured: see WeChatOptions.")
            .ValidateOnStart();
        services.AddSingleton<WeChatKeys>();
        services.AddSingleton<Storage.Residents.WeChatNonces>();
        // Per follower: the resident key is a keyed hash, so no OpenID is kept as a key.
        services.AddKeyedSingleton(PerKeyRateLimiter.Names.WeChatFollowers, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<WeChatOptions>>();
            return new PerKeyRateLimiter(_ => options.Value.MaxMessagesPerMinute);
        });
        services.AddSingleton<PendingAttachments>();
        services.AddSingleton<WeChatConversation>();
        services.AddSingleton<WeChatInboxHandler>();

        var section = builder.Configuration.GetSection(WeChatOptions.Section);
        if (section.Get<WeChatOptions>() is { CanSend: true })
        {
            services.AddHttpClient(WeChatApiSender.ClientName, (sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptions<WeChatOptions>>().Value.ApiBaseUrl;
                client.Timeout = TimeSpan.FromSeconds(10);
            });
            services.AddSingleton<WeChatAccessTokens>();
            services.AddSingleton<WeChatApiSender>();
            services.Replace(ServiceDescriptor.Singleton<IWeChatSender>(sp => sp.GetRequiredService<WeChatApiSender>()));
        }

        return builder;
    }
}
