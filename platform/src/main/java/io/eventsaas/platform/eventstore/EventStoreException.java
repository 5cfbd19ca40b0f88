package io.eventsaas.platform.eventstore;

/**
 * The event store could not do what was asked: refused for a reason other than a conflict, or
 * {@linkplain #isUnavailable() unavailable} for now (NATS disconnected, a request timed out, no JetStream
 * responder while a stream leader is being elected). An unavailable store is worth a retry with the same command
 * id, which the {@code Nats-Msg-Id} de-duplication makes safe.
 */
public final class EventStoreException extends RuntimeException {

    private final boolean unavailable;

    public EventStoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public EventStoreException(String message) {
        this(message, null, false);
    }

    private EventStoreException(String message, Throwable cause, boolean unavailable) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    /** A failure that may pass by itself: the RPC runtime answers 503 for it. */
    public static EventStoreException unavailable(String message, Throwable cause) {
        return new EventStoreException(message, cause, true);
    }

    public boolean isUnavailable() {
        return unavailable;
    }
}
