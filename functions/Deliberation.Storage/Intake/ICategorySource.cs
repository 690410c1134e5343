using Deliberation.Domain.Routing;

namespace Deliberation.Storage.Intake;

/// <summary>
/// A classifier consulted at intake, before the case exists (a cloud service: it may be slow or down, so it is
/// asked here and not inside the decider). Its answer becomes the case's category hint when it is confident enough;
/// null means "no opinion", and routing then decides locally (keywords, local model, triage).
/// Implementations must not throw and must answer within their own short time budget.
/// </summary>
public interface ICategorySource
{
    Task<CategoryGuess?> GuessAsync(string text, CancellationToken cancellationToken);
}
