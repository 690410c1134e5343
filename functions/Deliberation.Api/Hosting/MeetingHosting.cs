using Deliberation.Api.Apis;
using Deliberation.Storage.Meetings;

namespace Deliberation.Api.Hosting;

public static class MeetingHosting
{
    /// <summary>Committee meetings: their store, the outbox that carries their messages to cases, the endpoints' dependencies.</summary>
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddSingleton<MeetingStore>();
        services.AddSingleton<ICaseMessenger, RuntimeCaseMessenger>();
        services.AddSingleton<MeetingOutbox>();
        services.AddSingleton<MeetingDeps>();
        return services;
    }
}
