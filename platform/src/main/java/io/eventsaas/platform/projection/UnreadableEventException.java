package io.eventsaas.platform.projection;

/**
 * Thrown by a projection for an event whose payload it cannot parse: the runner parks the message (it is listed
 * and can be retried) and goes on with the next one, instead of stopping the read model.
 */
public final class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
