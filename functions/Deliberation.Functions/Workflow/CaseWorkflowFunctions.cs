using Deliberation.Workflow.Cases;
using Microsoft.DurableTask;

namespace Deliberation.Functions.Workflow;

/// <summary>
/// The workflow's orchestrations and activities (<see cref="Deliberation.Workflow.WorkflowRegistry"/>), one trigger
/// each, named as the registry names them. No logic here: each runs its class from the app's services, the same class
/// the standalone host's engine runs.
/// </summary>
public sealed class CaseWorkflowFunctions(IServiceProvider services)
{
    [Function(CaseOrchestration.Name)]
    public Task<string> RunCaseOrchestration([OrchestrationTrigger] TaskOrchestrationContext context) =>
        services.GetRequiredService<CaseOrchestration>().RunAsync(context, context.GetInput<string>()!);

    [Function(ApplyCaseDecision.Name)]
    public Task<string> RunApplyCaseDecision([ActivityTrigger] string input, string instanceId) =>
        services.GetRequiredService<ApplyCaseDecision>().RunAsync(new FunctionActivityContext(ApplyCaseDecision.Name, instanceId), input);

    [Function(SendCaseNotification.Name)]
    public Task<string> RunSendCaseNotification([ActivityTrigger] string input, string instanceId) =>
        services.GetRequiredService<SendCaseNotification>().RunAsync(new FunctionActivityContext(SendCaseNotification.Name, instanceId), input);
}

/// <summary>What an activity learns of its run under Functions: its name and its orchestration's instance.</summary>
public sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
