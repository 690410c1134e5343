using System.Reflection;

namespace Deliberation.Functions.Http;

/// <summary>An HTTP function as its attributes declare it: its name, its one method and its route under the route prefix.</summary>
public sealed record HttpFunction(string Name, string Method, string Route, AuthorizationLevel AuthorizationLevel)
{
    /// <summary>host.json's <c>extensions.http.routePrefix</c>.</summary>
    public const string RoutePrefix = "api";

    /// <summary>The route as the standalone host maps it.</summary>
    public string Pattern => $"/{RoutePrefix}/{Route}";

    /// <summary>Every <c>[Function]</c> with an <c>[HttpTrigger]</c> in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<HttpFunction> In(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(Of)
            .OfType<HttpFunction>()];

    private static HttpFunction? Of(MethodInfo method)
    {
        if (method.GetCustomAttribute<FunctionAttribute>() is not { } function
            || method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault() is not { } trigger)
        {
            return null;
        }

        // One method per function, as the standalone host has one endpoint per method and route.
        if (trigger.Methods is not [var verb] || string.IsNullOrEmpty(trigger.Route))
        {
            throw new InvalidOperationException($"HTTP function {function.Name} must name exactly one method and a route.");
        }

        return new HttpFunction(function.Name, verb.ToUpperInvariant(), trigger.Route, trigger.AuthLevel);
    }
}
