package io.eventsaas.platform.eventstore;

/**
 * An event about to be appended: its type name, the schema version of its payload and the serialized payload.
 * The event store wraps it in an envelope (id, aggregate, time, correlation and causation ids).
 */
public record NewEvent(String type, int schemaVersion, byte[] payload) {

    public NewEvent {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an event needs a type");
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schema versions start at 1");
        }
    }
}
