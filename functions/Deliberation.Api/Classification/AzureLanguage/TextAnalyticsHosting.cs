using Deliberation.Storage.Intake;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Classification.AzureLanguage;

public static class TextAnalyticsHosting
{
    /// <summary>The Azure AI Language adapter when configured (TextAnalytics:*); otherwise the local engine alone.</summary>
    public static IHostApplicationBuilder AddTextAnalytics(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TextAnalyticsOptions>().BindConfiguration(TextAnalyticsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.IsValid, "TextAnalytics:Endpoint must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddHttpClient(AzureLanguageClient.HttpClientName);
        services.AddSingleton<AzureLanguageClient>();
        services.AddSingleton<ICategorySource>(sp => sp.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value.HasClassification
            ? ActivatorUtilities.CreateInstance<AzureLanguageClassifier>(sp)
            : new NoCloudCategories());
        services.AddSingleton<IPiiRedactor>(sp => sp.GetRequiredService<IOptions<TextAnalyticsOptions>>().Value.HasResource
            ? ActivatorUtilities.CreateInstance<AzurePiiRedactor>(sp)
            : new LocalPiiRedactor());
        return builder;
    }
}
