using Deliberation.Storage.Directory;
using Deliberation.Storage.Intake;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Projections;
using Deliberation.Storage.Queues;
using Deliberation.Storage.RateLimits;
using Deliberation.Storage.Residents;
using Deliberation.Storage.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Deliberation.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// The storage layer's services, one each: the clients, the town, read models, residents, intake, the send-once
    /// log and the notification dispatcher (texts go to the development outbox until a channel replaces its sender).
    /// Options (<see cref="StorageOptions"/>, <see cref="PrivacyOptions"/>) and a <see cref="TimeProvider"/> are the host's.
    /// </summary>
    public static IServiceCollection AddDeliberationStorage(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageAccess.Validation>());
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton<StorageClients>();
        services.AddSingleton<TownState>();
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<MonthlyCaseFacts>();
        services.AddSingleton<CaseProjections>();
        services.AddSingleton<CaseNumbers>();
        services.AddSingleton<PersonalDataProtector>();
        services.AddSingleton<ResidentDirectory>();
        services.AddSingleton<ResidentRequests>();
        services.AddSingleton<DuplicateIndex>();
        services.AddSingleton<Corrections>();
        services.AddSingleton<IntakeService>();
        services.AddSingleton<DevelopmentOutbox>();
        services.AddSingleton<SendOnceLog>();
        services.AddSingleton<INotificationSender, NotificationDispatcher>();
        services.AddSingleton<RateLimitCounters>();
        services.AddSingleton<PoisonQueues>();
        services.AddSingleton<DeadlineSweeper>();
        return services;
    }
}
