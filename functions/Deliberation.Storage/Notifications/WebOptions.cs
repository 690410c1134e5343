namespace Deliberation.Storage.Notifications;

/// <summary><c>Web</c>: where the public site is, for the case link every acknowledgement and final reply carries.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The public site's address, without a trailing slash (the standalone host serves it itself on 7071).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:7071");

    /// <summary>The case page a resident opens from a text: <c>{PublicBaseUrl}/c/{caseId}</c>.</summary>
    public string CaseLink(string caseId) => $"{PublicBaseUrl.ToString().TrimEnd('/')}/c/{Uri.EscapeDataString(caseId)}";
}
