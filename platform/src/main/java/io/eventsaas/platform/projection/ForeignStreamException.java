package io.eventsaas.platform.projection;

/**
 * A read model's database was built from another stream than the one there now: the stream was deleted and created
 * again (a reset, a restore from the archive), or the service points at another namespace. Its checkpoint means
 * nothing here. The database is disposable: dropping (or emptying) it makes the next start rebuild it from this
 * stream, which is the fix the message tells the operator.
 */
public final class ForeignStreamException extends IllegalStateException {

    ForeignStreamException(String projection, String recordedStream, long checkpoint, String stream,
            long streamLast) {
        super("read model " + projection + " was built from another stream; drop or empty this service's database "
                + "and restart to rebuild it from this one. Its checkpoint is sequence " + checkpoint
                + (recordedStream == null ? "" : " of " + recordedStream) + ", but the stream is now " + stream
                + " with last sequence " + streamLast + " (deleted and created again, restored from the archive, or "
                + "another NATS_NAMESPACE)");
    }
}
