package io.eventsaas.projections.summary;

import java.util.List;

/**
 * The platform summary read model: how many users and organisations exist, who signed up last, and the stream
 * sequence of the newest event it reflects. Immutable: {@link PlatformSummaryHandler} derives the next one.
 *
 * @param latestSignups newest first, at most {@link #LATEST_SIGNUPS}
 * @param asOfSequence  the sequence of the newest event that changed the summary (0 before any); events after it
 *                      that the summary does not use leave it alone, so a rebuild yields the same value
 */
public record PlatformSummary(long users, long organizations, List<Signup> latestSignups, long asOfSequence) {

    public static final int LATEST_SIGNUPS = 5;
    public static final PlatformSummary EMPTY = new PlatformSummary(0, 0, List.of(), 0);

    public PlatformSummary {
        if (users < 0 || organizations < 0 || asOfSequence < 0) {
            throw new IllegalArgumentException("counts and sequence cannot be negative");
        }
        latestSignups = List.copyOf(latestSignups);
        if (latestSignups.size() > LATEST_SIGNUPS) {
            throw new IllegalArgumentException("at most " + LATEST_SIGNUPS + " latest sign-ups");
        }
    }
}
