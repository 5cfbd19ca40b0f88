package io.eventsaas.projections.summary;

import java.time.Instant;

/** The events the platform summary is built from, as plain records (decoded from protobuf at the edge). */
public sealed interface SummaryEvent {

    StreamPosition position();

    record UserRegistered(String userId, String displayName, Instant registeredAt, StreamPosition position)
            implements SummaryEvent {
    }

    record UserErased(String userId, StreamPosition position) implements SummaryEvent {
    }

    record OrganizationCreated(String organizationId, StreamPosition position) implements SummaryEvent {
    }
}
