using Deliberation.Workflow.Cases;
using Deliberation.Workflow.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.Workflow;

/// <summary>Every orchestration and activity of the app, by name: both hosts register exactly these.</summary>
public static class WorkflowRegistry
{
    public static IReadOnlyDictionary<string, Type> Orchestrations { get; } = new Dictionary<string, Type>
    {
        [CaseOrchestration.Name] = typeof(CaseOrchestration),
    };

    public static IReadOnlyDictionary<string, Type> Activities { get; } = new Dictionary<string, Type>
    {
        [ApplyCaseDecision.Name] = typeof(ApplyCaseDecision),
        [SendCaseNotification.Name] = typeof(SendCaseNotification),
    };

    /// <summary>The workflow's services (the engine itself is each host's).</summary>
    public static IServiceCollection AddCaseWorkflow(this IServiceCollection services)
    {
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section)
            .Validate(o => o.ApplyWait >= TimeSpan.Zero && o.RedeliverAfter > TimeSpan.Zero && o.ReconcileInterval > TimeSpan.Zero && o.ReconcileBatch > 0, "Workflow waits, intervals and batch must be positive.")
            .ValidateOnStart();
        services.AddSingleton<DurableClientAccessor>();
        services.AddSingleton<DeliveryLog>();
        services.AddSingleton<AppliedSignals>();
        services.AddSingleton<Cases.SendsInFlight>();
        services.AddSingleton<DurableCaseRuntime>();
        services.AddSingleton<DeliveryReconciler>();
        foreach (var type in Orchestrations.Values.Concat(Activities.Values))
        {
            services.AddTransient(type);
        }

        return services;
    }
}
