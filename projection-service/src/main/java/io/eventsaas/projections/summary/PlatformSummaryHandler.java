package io.eventsaas.projections.summary;

import io.eventsaas.projections.summary.SummaryEvent.OrganizationCreated;
import io.eventsaas.projections.summary.SummaryEvent.UserRegistered;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-model logic of the platform summary: given the summary so far and the next event, the next summary.
 * Pure; the projection runner guarantees each event arrives once and in stream order.
 */
public final class PlatformSummaryHandler {

    public PlatformSummary on(PlatformSummary summary, SummaryEvent event) {
        return switch (event) {
            case UserRegistered registered -> onUserRegistered(summary, registered);
            case OrganizationCreated created -> onOrganizationCreated(summary, created);
            case SummaryEvent.UserErased erased -> onUserErased(summary, erased);
        };
    }

    private PlatformSummary onUserRegistered(PlatformSummary summary, UserRegistered event) {
        Signup signup = new Signup(event.userId(), event.displayName(), event.registeredAt(), event.position());
        return new PlatformSummary(summary.users() + 1, summary.organizations(),
                latestWith(summary.latestSignups(), signup), asOf(summary, event));
    }

    /** An erased person's name leaves the latest sign-ups (the view shows "Erased user"); the count stays. */
    private PlatformSummary onUserErased(PlatformSummary summary, SummaryEvent.UserErased event) {
        if (summary.latestSignups().stream().noneMatch(s -> s.userId().equals(event.userId()))) {
            return summary;
        }
        List<Signup> latest = summary.latestSignups().stream()
                .map(s -> s.userId().equals(event.userId()) ? s.erased() : s).toList();
        return new PlatformSummary(summary.users(), summary.organizations(), latest, asOf(summary, event));
    }

    private PlatformSummary onOrganizationCreated(PlatformSummary summary, OrganizationCreated event) {
        return new PlatformSummary(summary.users(), summary.organizations() + 1, summary.latestSignups(),
                asOf(summary, event));
    }

    /**
     * Sorted by time, not by arrival: clocks of several user-service instances disagree a little, so a sign-up
     * can arrive after a later one.
     */
    private static List<Signup> latestWith(List<Signup> latest, Signup signup) {
        List<Signup> next = new ArrayList<>(latest);
        next.add(signup);
        next.sort(Signup.NEWEST_FIRST);
        return next.size() > PlatformSummary.LATEST_SIGNUPS ? next.subList(0, PlatformSummary.LATEST_SIGNUPS) : next;
    }

    private static long asOf(PlatformSummary summary, SummaryEvent event) {
        return Math.max(summary.asOfSequence(), event.position().sequence());
    }
}
