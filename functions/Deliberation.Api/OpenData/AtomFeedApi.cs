using System.Globalization;
using System.Text;
using System.Xml;
using Deliberation.Api.Apis;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Projections;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.OpenData;

/// <summary>
/// An Atom feed per village (<c>/api/feeds/{village}.atom</c>; the standalone host also answers at <c>/feeds/…</c>) of
/// its published outcomes: replies in public review and after, and meetings' decisions, as the case page shows them
/// (redacted, no reporter). A feed reader, or the village's own notice board, follows it.
/// </summary>
public static class AtomFeedApi
{
    /// <summary>Entries per feed: the latest outcomes.</summary>
    public const int MaxEntries = 50;

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    private static readonly HashSet<CaseStatus> Published = [CaseStatus.PublicReview, CaseStatus.DecisionReview, CaseStatus.Closed];

    public static IEndpointRouteBuilder MapAtomFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/feeds/{village}.atom", Feed).AllowAnonymous().WithName("VillageOutcomesFeed");
        return app;
    }

    private static async Task<IResult> Feed(string village, CaseProjections projections, PublicCaseViews publicViews, CaseHandlerDeps deps, IOptions<WebOptions> web, CancellationToken ct)
    {
        var directory = deps.Town.Context.Directory;
        if (directory.FindUnit(village) is not { Kind: UnitKind.VillageCommittee } committee)
        {
            return ApiResults.NotFound($"No village {village}.");
        }

        var published = new List<CaseSummary>();
        string? continuation = null;
        do
        {
            var (items, next) = await projections.ListVillagesAsync([village], openOnly: false, 200, continuation, ct);
            published.AddRange(items.Where(c => Published.Contains(c.Status)));
            continuation = next;
        }
        while (continuation is not null);

        // The views as the case page shows them (residents' names and numbers redacted, kept per case version).
        var entries = new List<(CaseSummary Summary, PublicCaseView View)>();
        foreach (var summary in published.OrderByDescending(c => c.UpdatedAt).Take(MaxEntries))
        {
            if (await publicViews.GetAsync(summary.CaseId, ct) is { } view)
            {
                entries.Add((summary, view));
            }
        }

        var self = $"{web.Value.PublicBaseUrl.ToString().TrimEnd('/')}/feeds/{Uri.EscapeDataString(village)}.atom";
        var updated = entries.Count > 0 ? entries.Max(e => e.Summary.UpdatedAt) : deps.Time.GetUtcNow();
        return TypedResults.Content(Write(committee, self, updated, entries, web.Value, deps.Town.Zone), "application/atom+xml; charset=utf-8", Encoding.UTF8);
    }

    private static string Write(Unit village, string self, DateTimeOffset updated, IReadOnlyList<(CaseSummary Summary, PublicCaseView View)> entries, WebOptions web, TimeZoneInfo zone)
    {
        var output = new Utf8StringWriter();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteAttributeString("xml", "lang", null, "zh-CN");
            xml.WriteElementString("id", AtomNamespace, self);
            xml.WriteElementString("title", AtomNamespace, $"{village.Name}：办理结果公示");
            xml.WriteElementString("updated", AtomNamespace, Date(updated, zone));
            Link(xml, "self", self, "application/atom+xml");
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, village.Name);
            xml.WriteEndElement();
            foreach (var (summary, view) in entries)
            {
                var link = web.CaseLink(summary.CaseId);
                xml.WriteStartElement("entry", AtomNamespace);
                xml.WriteElementString("id", AtomNamespace, link);
                xml.WriteElementString("title", AtomNamespace, $"诉求{summary.CaseId}（{view.Category ?? "未分类"}）：{summary.Status.Chinese()}");
                xml.WriteElementString("updated", AtomNamespace, Date(summary.UpdatedAt, zone));
                Link(xml, "alternate", link, "text/html");
                if (view.Category is { } category)
                {
                    xml.WriteStartElement("category", AtomNamespace);
                    xml.WriteAttributeString("term", summary.Category ?? category);
                    xml.WriteAttributeString("label", category);
                    xml.WriteEndElement();
                }

                xml.WriteStartElement("content", AtomNamespace);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Content(view));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return output.ToString();
    }

    private static string Content(PublicCaseView view)
    {
        var lines = new List<string>();
        if (view.Unit is { } unit && view.Reply is { } reply)
        {
            lines.Add($"{unit}答复：{reply}");
        }

        if (view.Decision is { } decision)
        {
            lines.Add($"议事会决定：{decision.Resolution}（{decision.Votes}）。{decision.Line}");
        }

        return lines.Count > 0 ? string.Join("\n", lines) : view.Status.Chinese();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }

    private static string Date(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
