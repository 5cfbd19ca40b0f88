package io.eventsaas.gateway.views;

import java.time.Instant;
import java.util.List;

/** The platform's numbers as projection-service last published them. */
public record PlatformSummary(long users, long organizations, List<RecentSignup> latestSignups, long asOfSequence,
        Instant updatedAt) {

    public PlatformSummary {
        latestSignups = List.copyOf(latestSignups);
    }

    public record RecentSignup(String name, Instant registeredAt) {
    }
}
