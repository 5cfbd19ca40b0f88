package io.eventsaas.platform.projection;

/**
 * The read model could not catch up with the stream in time, so an answer from it might be stale. Authorisation
 * must not fail open on a read model that has not yet applied a removal: the RPC server answers 503 (retry in a
 * moment) instead.
 */
public final class ReadModelBehindException extends RuntimeException {

    public ReadModelBehindException(String message) {
        super(message);
    }
}
