using System.Reflection;
using Deliberation.Functions.Workflow;
using Deliberation.Workflow;
using Microsoft.Azure.Functions.Worker;

namespace Deliberation.Functions.Tests;

/// <summary>The Functions app triggers exactly the orchestrations and activities the standalone host's engine registers (the registry's).</summary>
public sealed class WorkflowParityTests
{
    [Fact]
    public void OrchestrationTriggers_AreTheRegistrysOrchestrations()
    {
        Assert.Equal(Sorted(WorkflowRegistry.Orchestrations.Keys), Sorted(FunctionsWith<OrchestrationTriggerAttribute>()));
    }

    [Fact]
    public void ActivityTriggers_AreTheRegistrysActivities()
    {
        Assert.Equal(Sorted(WorkflowRegistry.Activities.Keys), Sorted(FunctionsWith<ActivityTriggerAttribute>()));
    }

    private static List<string> FunctionsWith<T>()
        where T : Attribute =>
        [.. typeof(CaseWorkflowFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<T>() is not null))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name)];

    private static List<string> Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];
}
