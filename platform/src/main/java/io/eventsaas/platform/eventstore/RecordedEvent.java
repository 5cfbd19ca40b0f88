package io.eventsaas.platform.eventstore;

import java.time.Instant;

/**
 * An event as it sits in the stream: the envelope's fields plus where it is (stream sequence and subject).
 * Several events of one commit share the stream sequence; {@code indexInCommit} tells them apart.
 */
public record RecordedEvent(
        long streamSequence,
        int indexInCommit,
        String subject,
        String eventId,
        String type,
        int schemaVersion,
        String aggregateType,
        String aggregateId,
        Instant occurredAt,
        String correlationId,
        String causationId,
        byte[] payload) {
}
