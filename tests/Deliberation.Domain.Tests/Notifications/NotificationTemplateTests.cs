using System.Reflection;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Tests.Workflow;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Notifications;

/// <summary>Every notice the workflow sends has a text of its own for every audience it is sent to.</summary>
public sealed class NotificationTemplateTests
{
    /// <summary>
    /// Every step the demo town can take, and the one the walk does not tell apart: 不满意 once the resident's
    /// reopenings are used up.
    /// </summary>
    private static IEnumerable<Decision> Decisions()
    {
        var review = Cases.PublicReview();
        var noReopens = TestTown.ContextWith(TestTown.File.Policy with { MaxReopensOnDissatisfaction = 0 });
        return Lifecycle.DemoTownSteps.Select(s => s.Decision)
            .Append(Cases.Apply(review, new Rate("rate-1", Cases.Later(review), Satisfaction.Dissatisfied), noReopens));
    }

    /// <summary>Every notice of those steps, as the dispatcher renders it (milestones wait for the digest).</summary>
    private static IEnumerable<(Notify Notice, CaseState State, string Template)> SentNotices() =>
        Decisions()
            .SelectMany(d => d.Effects.OfType<Notify>().Select(n => (Notice: n, State: d.NewState!)))
            .Where(x => !(x.Notice.Audience == Audience.Followers && x.Notice.Template == NotificationTemplates.Milestone))
            .Select(x => (x.Notice, x.State, NotificationText.ForAudience(x.Notice.Template, x.Notice.Audience)));

    private static IReadOnlySet<string> AllTemplates { get; } = typeof(NotificationTemplates)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(t => t != NotificationTemplates.MeetingAgenda) // the meeting API's own text, not a case notice
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Render_EveryNoticeTheWorkflowSendsForEveryAudience_HasItsOwnText()
    {
        var rendered = SentNotices()
            .Select(x => (x.Notice.Audience, x.Template, Text: NotificationText.Render(x.Template, x.Notice.Data, x.State, TestTown.Directory, Shanghai, x.Notice.UnitId).Text))
            .ToList();

        Assert.NotEmpty(rendered);
        Assert.All(rendered, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Text), $"{r.Template} for {r.Audience}");
            // A generic text would name the template; a real one never does.
            Assert.DoesNotContain(r.Template, r.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Templates_EveryNamedTemplate_IsSentOrRenderedForTheWorkflow()
    {
        var sent = Decisions().SelectMany(d => d.Effects.OfType<Notify>()).Select(n => n.Template)
            .Concat(SentNotices().Select(x => x.Template))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(AllTemplates.Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Render_TemplateWithoutText_IsAnError()
    {
        var state = Cases.Dispatched();

        Assert.Throws<ArgumentException>(() => NotificationText.Render("no-such-template", new Dictionary<string, string>(), state, TestTown.Directory, Shanghai));
        Assert.Throws<ArgumentException>(() => NotificationText.Render(NotificationTemplates.Milestone, new Dictionary<string, string>(), state, TestTown.Directory, Shanghai));
    }
}
