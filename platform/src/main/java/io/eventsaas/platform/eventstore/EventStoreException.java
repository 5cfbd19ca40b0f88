package io.eventsaas.platform.eventstore;

/** The event store could not do what was asked (server unreachable, stream missing, refused for a reason other than a conflict). */
public final class EventStoreException extends RuntimeException {
    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventStoreException(String message) {
        super(message);
    }
}
