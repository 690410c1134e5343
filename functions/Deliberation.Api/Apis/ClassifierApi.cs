using System.Text;
using Deliberation.Classification.Data;
using Deliberation.Domain.Access;
using Deliberation.Storage.Intake;

namespace Deliberation.Api.Apis;

public static class ClassifierApi
{
    public static IEndpointRouteBuilder MapClassifierApi(this IEndpointRouteBuilder app)
    {
        // Staff corrections as label,text CSV: add it to ./dev classifier train --corpus … to retrain.
        app.MapGet("/api/classifier/corrections", async (HttpContext http, Corrections corrections, CancellationToken ct) =>
        {
            if (ApiResults.Staff(http) is not { } staff)
            {
                return ApiResults.Unauthenticated();
            }

            if (!(staff.Is(Roles.Admin) || staff.Is(Roles.Dispatcher)))
            {
                return ApiResults.Forbidden("Dispatchers and administrators export corrections.");
            }

            using var writer = new StringWriter();
            LabelledCsv.Write(writer, await corrections.AllAsync(ct));
            return Results.Text(writer.ToString(), "text/csv", Encoding.UTF8);
        }).RequireAuthorization().WithName("ExportCorrections");
        return app;
    }
}
