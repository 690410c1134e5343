namespace Deliberation.Workflow.Cases;

/// <summary>
/// The texts this process is still sending after the apply activity stopped waiting for them, by notice id. The text's
/// own activity waits for the send here instead of meeting its send-once claim and backing off for minutes; a send that
/// failed released its claim, and the activity sends it.
/// </summary>
public sealed class SendsInFlight : InFlightWork;
