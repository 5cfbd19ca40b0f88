package io.eventsaas.platform.eventstore;

import java.util.List;

/**
 * What one command appends to one aggregate: all its events go out as one message, so they land together or
 * not at all.
 *
 * @param aggregateType   second token of the subject, e.g. {@code user}
 * @param aggregateId     third token of the subject
 * @param expectedVersion the aggregate's version the command decided on: the stream sequence of its last event,
 *                        0 for an aggregate that must not exist yet. Another writer in between makes the append
 *                        fail with {@link AppendConflictException} instead of overwriting.
 * @param messageId       {@code Nats-Msg-Id}: derived from the command id, so a retried command appends nothing
 *                        twice
 * @param correlationId   the request this all started with
 * @param causationId     the command id (or the id of the event that caused this append)
 */
public record Append(
        String aggregateType,
        String aggregateId,
        long expectedVersion,
        String messageId,
        String correlationId,
        String causationId,
        List<NewEvent> events) {

    public Append {
        requireToken(aggregateType, "aggregate type");
        requireToken(aggregateId, "aggregate id");
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("expected version must be 0 (new aggregate) or more");
        }
        if (messageId == null || messageId.isBlank()) {
            throw new IllegalArgumentException("an append needs a message id derived from its command id");
        }
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
    }

    private static void requireToken(String value, String what) {
        // A subject token: no dots, wildcards or white space, or the event would land on the wrong subject.
        if (value == null || !value.matches("[A-Za-z0-9_=-]+")) {
            throw new IllegalArgumentException("invalid " + what + ": '" + value + "'");
        }
    }
}
